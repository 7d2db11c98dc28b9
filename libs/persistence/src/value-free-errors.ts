import { DriverException } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

// Condition names of the SQLSTATEs a request can provoke (PostgreSQL manual, appendix A).
const CONDITIONS: Record<string, string> = {
  '22001': 'string_data_right_truncation',
  '22003': 'numeric_value_out_of_range',
  '22007': 'invalid_datetime_format',
  '22008': 'datetime_field_overflow',
  '22012': 'division_by_zero',
  '22021': 'character_not_in_repertoire',
  '22P02': 'invalid_text_representation',
  '23502': 'not_null_violation',
  '23503': 'foreign_key_violation',
  '23505': 'unique_violation',
  '23514': 'check_violation',
  '40001': 'serialization_failure',
  '40P01': 'deadlock_detected',
  '42601': 'syntax_error',
  '42703': 'undefined_column',
  '42P01': 'undefined_table',
  '53300': 'too_many_connections',
  '55P03': 'lock_not_available',
  '57014': 'query_canceled',
  '57P01': 'admin_shutdown',
  '57P03': 'cannot_connect_now',
};

/**
 * What a database error may say in a log: its SQLSTATE, the server routine and the schema objects
 * involved, never PostgreSQL's message text. MikroORM inlines bound values into the SQL it sends,
 * Knex prefixes that SQL to the message and MikroORM appends the row values of `detail`, so the
 * text would carry whatever the request did (a search term, a username, a body); and the text
 * cannot be cut apart safely, since a value may contain any separator.
 */
export function valueFreeMessage(fields: {
  code?: unknown;
  routine?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
}): string {
  const code = String(fields.code);
  const objects = (['table', 'column', 'constraint'] as const)
    .filter((key) => typeof fields[key] === 'string')
    .map((key) => `${key} ${String(fields[key])}`);
  return [
    `database error ${code}`,
    CONDITIONS[code] ?? '',
    typeof fields.routine === 'string' ? `in ${fields.routine}` : '',
    objects.length ? `(${objects.join(', ')})` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Fields of a PostgreSQL error (copied onto MikroORM's exception) that may hold values. */
const VALUE_FIELDS = ['detail', 'hint', 'where', 'internalQuery', 'internalPosition', 'position'];

const stripped = new WeakSet<Error>();

/** Rewrites a server-side database error in place so that its message, stack and fields hold no values. */
export function stripValues<T extends Error>(error: T): T {
  if (stripped.has(error)) return error;
  const fields = error as unknown as Record<string, unknown>;
  // Only errors PostgreSQL sent (a five-character SQLSTATE) carry the query; socket and pool
  // errors keep their message, which the transient-error check reads.
  if (typeof fields.code !== 'string' || !/^[0-9A-Z]{5}$/.test(fields.code)) return error;
  const message = valueFreeMessage(fields);
  // The stack starts with the old message, which may itself hold lines that look like frames.
  const stack = error.stack ?? '';
  const start = stack.indexOf(error.message);
  const frames = (start >= 0 ? stack.slice(start + error.message.length) : '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line));
  error.message = message;
  error.stack = [`${error.name}: ${message}`, ...frames].join('\n');
  for (const key of VALUE_FIELDS) delete fields[key];
  stripped.add(error);
  return error;
}

/** The PostgreSQL driver whose exceptions carry no request values (see stripValues). */
export class ValueFreePostgreSqlDriver extends PostgreSqlDriver {
  override convertException(exception: Error): DriverException {
    return stripValues(super.convertException(exception));
  }
}
