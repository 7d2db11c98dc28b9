import { OpenAPIObject } from '@nestjs/swagger';
import { completeContract } from './openapi-contract';

const bare = (): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  paths: {
    '/api/v1/rfis/{id}': {
      get: {
        tags: ['requests for information'],
        security: [{ bearer: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'ok' },
          '404': { description: 'absent' },
        },
      },
    },
    '/health': { get: { responses: { '200': { description: 'up' } } } },
  },
});

type Answers = Record<string, { headers?: Record<string, unknown> }>;

describe('the API contract completed from the routes', () => {
  const document = completeContract(bare());
  const read = document.paths['/api/v1/rfis/{id}']!.get! as { responses: Answers };

  it('states the answers the guards, pipes and filter give every API route', () => {
    expect(Object.keys(read.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '429',
      '500',
      '503',
    ]);
  });

  it('gives every refusal the Problem schema as application/problem+json', () => {
    for (const status of ['400', '401', '403', '404', '429', '500', '503'])
      expect(read.responses[status]).toMatchObject({
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      });
    expect(document.components!.schemas!.Problem).toMatchObject({
      required: ['type', 'title', 'status', 'detail'],
    });
  });

  it('states the rate-limit fields on the API answers, and Retry-After on 429', () => {
    expect(Object.keys(read.responses['200']!.headers!)).toEqual(
      expect.arrayContaining(['RateLimit', 'RateLimit-Policy', 'Access-Control-Allow-Origin']),
    );
    expect(Object.keys(read.responses['429']!.headers!)).toContain('Retry-After');
    expect(read.responses['500']!.headers).toBeUndefined();
  });

  it('leaves the probes outside the API without a rate limit or a token to refuse', () => {
    const probe = document.paths['/health']!.get! as { responses: Answers };
    expect(Object.keys(probe.responses).sort()).toEqual(['200', '500']);
    expect(probe.responses['200']!.headers).toBeUndefined();
  });

  it('describes every tag that an operation uses', () => {
    expect(document.tags).toEqual([
      { name: 'requests for information', description: expect.stringContaining('Need to know') },
    ]);
  });

  it('gives integers a format that fits their stated range', () => {
    const schemas = { small: { type: 'integer', maximum: 100 }, open: { type: 'integer' } };
    const withIntegers = completeContract({
      ...bare(),
      components: { schemas },
    } as OpenAPIObject);
    expect(withIntegers.components!.schemas).toMatchObject({
      small: { format: 'int32' },
      open: { format: 'int64' },
    });
  });
});
