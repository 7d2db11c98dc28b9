import { FastifyReply } from 'fastify';
import { CsvRepresentation } from '@bp/contracts';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { represent } from './representations';

const TABLE = {
  rows: (answer: { rows: { name: string; score: number | null }[] }) => answer.rows,
  columns: [
    { header: 'name', value: (row: { name: string }) => row.name },
    { header: 'score', value: (row: { score: number | null }) => row.score },
  ],
} as unknown as CsvRepresentation;

const answer = {
  rows: [
    { name: 'Serbia', score: 0.5 },
    { name: 'a "quoted", name', score: null },
  ],
};

function exchange(accept?: string) {
  const headers: Record<string, string> = {};
  const reply = {
    header: (name: string, value: string) => {
      headers[name] = value;
      return reply;
    },
  };
  return {
    headers,
    exchange: {
      request: { headers: accept === undefined ? {} : { accept } } as AuthenticatedRequest,
      reply: reply as unknown as FastifyReply,
    },
  };
}

describe('the answer in the representation asked for', () => {
  it('answers CSV (RFC 4180: a header row, CRLF, quoted where needed) when text/csv is preferred', () => {
    const { headers, exchange: ex } = exchange('text/csv');
    expect(represent(answer, TABLE, ex)).toBe(
      'name,score\r\nSerbia,0.5\r\n"a ""quoted"", name",\r\n',
    );
    expect(headers).toEqual({ vary: 'Accept', 'content-type': 'text/csv; charset=utf-8' });
  });

  it('keeps JSON without an Accept header, for */*, and when JSON is preferred', () => {
    for (const accept of [undefined, '*/*', 'application/json', 'text/csv;q=0.5, application/json'])
      expect(represent(answer, TABLE, exchange(accept).exchange)).toBe(answer);
  });

  it('answers JSON for a command without a table, and says nothing of Accept', () => {
    const { headers, exchange: ex } = exchange('text/csv');
    expect(represent(answer, undefined, ex)).toBe(answer);
    expect(headers).toEqual({});
  });
});
