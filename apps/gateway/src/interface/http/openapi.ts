import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { completeContract } from './openapi-contract';
import { documentValidatorLimits } from './validator-limits';

/** The API contract as OpenAPI (kept in docs/openapi.json): page at /api/docs, document at /api/docs-json. */
export function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Budapest Process cooperation channel')
    .setDescription(
      'Requests for information between national focal points, triaged by the BP Secretariat and ' +
        'answered by focal points and liaison officers; liaison officer deployments; knowledge exchange. ' +
        'Errors are application/problem+json (RFC 9457). Any POST accepts an Idempotency-Key.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  documentValidatorLimits();
  const document = completeContract(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    // Swagger UI would otherwise show a badge from validator.swagger.io, sending it the document's
    // address, whenever it loads the document by URL on a host other than localhost: the page uses
    // nothing but this gateway (test/docs-page.e2e-spec.ts).
    swaggerOptions: { validatorUrl: 'none' },
  });
}
