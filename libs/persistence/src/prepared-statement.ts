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
 * The VALUES rows of a multi-row insert in `$n` placeholders: `casts` has one entry per bound
 * column, '' or a cast such as '::jsonb'; `computed`, SQL (never input) for columns each row
 * computes after them. `valuesRows(2, ['', '::jsonb'])` is `($1, $2::jsonb), ($3, $4::jsonb)`.
 */
export function valuesRows(
  rows: number,
  casts: readonly string[],
  computed: readonly string[] = [],
): string {
  return Array.from({ length: rows }, (_, row) => {
    const bound = casts.map((cast, column) => `$${row * casts.length + column + 1}${cast}`);
    return `(${[...bound, ...computed].join(', ')})`;
  }).join(', ');
}
