import { EntityManager, type Knex } from '@mikro-orm/postgresql';

/** A statement PostgreSQL parses and plans once per connection, then runs by name. */
export interface PreparedStatement {
  /** Unique in the process: a connection keeps one plan per name. */
  name: string;
  /** SQL with `$1`, `$2` … placeholders; values travel apart from it, never inlined. */
  text: string;
}

/**
 * Runs a hot statement by name on the connection of `em`'s transaction, or on a pooled one outside
 * a transaction. MikroORM inlines every value into the SQL text, so PostgreSQL parses and plans
 * each statement afresh and knex builds it anew; for the few statements every request sends, that
 * is a measurable share of the request (test/bench/RESULTS.md, session 21). Errors are converted by
 * the driver as em.execute's are, so they carry no values either (value-free-errors.ts).
 */
export async function runPrepared<T>(
  em: EntityManager,
  statement: PreparedStatement,
  values: readonly unknown[],
): Promise<T[]> {
  const transaction = em.getTransactionContext<Knex.Transaction>();
  // knex refuses a query on a finished transaction; its connection, asked for directly, would not,
  // and may by then run another request's transaction.
  if (transaction?.isCompleted())
    throw new Error(`${statement.name}: the transaction it belongs to has already ended`);
  const client = (transaction ?? em.getConnection().getKnex()).client as PooledClient;
  const connection = await client.acquireConnection();
  try {
    const result = await connection.query<T>({ ...statement, values: [...values] });
    return result.rows;
  } catch (error) {
    throw em.getDriver().convertException(error as Error);
  } finally {
    await client.releaseConnection(connection);
  }
}

/** What knex's client offers for a connection of its pool (or its transaction's one). */
interface PooledClient {
  acquireConnection(): Promise<{
    query<T>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }>;
  }>;
  releaseConnection(connection: unknown): Promise<void>;
}

/**
 * The rows of a multi-row insert as one `select` over bound arrays, one array a column, in the
 * order given: the text is the same whatever the number of rows, so one plan serves every count,
 * and no count meets PostgreSQL's cap of 65,535 bound values a statement. `types` are the bound
 * columns' SQL types; `computed`, SQL (never input) for columns each row computes after them. The
 * rows reach the insert in their order, so identities, triggers and `computed` see them in it.
 */
export function unnestRows(types: readonly string[], computed: readonly string[] = []): string {
  const columns = types.map((_, i) => `c${i + 1}`);
  const arrays = types.map((type, i) => `$${i + 1}::${type}[]`);
  return `select ${[...columns, ...computed].join(', ')}
    from unnest(${arrays.join(', ')}) with ordinality as run (${columns.join(', ')}, ordinal)
    order by ordinal`;
}

/** The bound values for `unnestRows`: one array a column, taken from rows of `width` values. */
export function columnArrays(rows: readonly (readonly unknown[])[], width: number): unknown[][] {
  return Array.from({ length: width }, (_, column) => rows.map((row) => row[column] ?? null));
}

/** The placeholders of one row, `($1, $2::jsonb)`: `casts` has one entry per column, '' or a cast. */
export function valuesRow(casts: readonly string[]): string {
  return `(${casts.map((cast, column) => `$${column + 1}${cast}`).join(', ')})`;
}
