import Negotiator from 'negotiator';
import { ChartSpec, HttpBinding } from '@bp/contracts';
import { csvTable } from './csv-table';
import { HttpExchange } from './service-call';
import { svgChart } from './svg-chart';

const JSON_TYPE = 'application/json';
const CSV_TYPE = 'text/csv';
const SVG_TYPE = 'image/svg+xml';

/** What a command's HTTP binding may offer besides JSON. */
export type Alternatives = Pick<HttpBinding, 'csv' | 'chart'>;

/** The media types a command answers in: JSON always, CSV where it has a table, SVG a chart. */
export function offeredTypes(http: Alternatives | undefined): string[] {
  return [JSON_TYPE, ...(http?.csv ? [CSV_TYPE] : []), ...(http?.chart ? [SVG_TYPE] : [])];
}

/**
 * The answer in the representation the caller's Accept header prefers (q-values count) among
 * those the command offers; JSON, the answer as it is, otherwise. The choice varies with Accept,
 * so caches are told so. A table or chart is made from this answer only: it shows nothing more.
 */
export async function represent(
  answer: unknown,
  http: Alternatives | undefined,
  { request, reply }: HttpExchange,
): Promise<unknown> {
  const offered = offeredTypes(http);
  if (offered.length === 1) return answer;
  void reply.header('vary', 'Accept');
  const preferred = new Negotiator({ headers: request.headers }).mediaType(offered);
  if (preferred === CSV_TYPE && http?.csv) {
    void reply.header('content-type', 'text/csv; charset=utf-8');
    return csvTable(answer, http.csv);
  }
  if (preferred === SVG_TYPE && http?.chart) {
    const svg = await svgChart((http.chart as (answer: unknown) => ChartSpec)(answer));
    void reply.header('content-type', 'image/svg+xml; charset=utf-8');
    return svg;
  }
  return answer;
}
