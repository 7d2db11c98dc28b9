import Negotiator from 'negotiator';
import { stringify } from 'csv-stringify/sync';
import { CsvRepresentation } from '@bp/contracts';
import { HttpExchange } from './service-call';

const OFFERED = ['application/json', 'text/csv'];

/**
 * The answer in the representation the caller asked for: CSV when its Accept header prefers
 * `text/csv` and the command offers a table, JSON (the answer as it is) otherwise. The choice
 * varies with Accept, so caches are told so.
 */
export function represent(
  answer: unknown,
  csv: CsvRepresentation | undefined,
  { request, reply }: HttpExchange,
): unknown {
  if (!csv) return answer;
  void reply.header('vary', 'Accept');
  const preferred = new Negotiator({ headers: request.headers }).mediaType(OFFERED);
  if (preferred !== 'text/csv') return answer;
  const rows = (csv.rows as (answer: unknown) => readonly unknown[])(answer);
  const values = (row: unknown) =>
    csv.columns.map(({ value }) => cell((value as (row: unknown) => unknown)(row)));
  void reply.header('content-type', 'text/csv; charset=utf-8');
  return stringify(rows.map(values), {
    header: true,
    columns: csv.columns.map(({ header }) => header),
    record_delimiter: 'windows',
  });
}

/**
 * A missing figure is an empty cell; numbers as JSON writes them (a negative one is a number to a
 * spreadsheet too). Text that a spreadsheet would run as a formula gets a leading apostrophe
 * (OWASP, CSV injection): codes and months never start so, but the representation is for any
 * command that offers a table.
 */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
