import { stringify } from 'csv-stringify/sync';
import { CsvRepresentation } from '@bp/contracts';

/** The answer as CSV (RFC 4180): a header row, then one line per row of the command's table. */
export function csvTable(answer: unknown, csv: CsvRepresentation): string {
  const rows = (csv.rows as (answer: unknown) => readonly unknown[])(answer);
  const values = (row: unknown) =>
    csv.columns.map(({ value }) => cell((value as (row: unknown) => unknown)(row)));
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
