import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { setUpOpenApi } from './openapi';

@Controller('api/v1/example')
class ExampleController {
  @Get()
  read(): string {
    return 'example';
  }
}

@Module({ controllers: [ExampleController] })
class ExampleModule {}

/** The docs page as Fastify serves it, without a socket (inject). */
describe('setUpOpenApi', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(ExampleModule, new FastifyAdapter(), {
      logger: false,
    });
    setUpOpenApi(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  const get = (url: string) => app.getHttpAdapter().getInstance().inject({ method: 'GET', url });

  it('serves a page whose scripts, styles and icons are all its own (relative, no CDN)', async () => {
    const page = await get('/api/docs');
    expect(page.statusCode).toBe(200);
    // As the browser resolves them against the page's address.
    const pageUrl = 'http://gateway.example/api/docs';
    const assets = [...page.body.matchAll(/(?:src|href)=["']([^"']+)["']/g)].map(
      ([, url]) => new URL(url!, pageUrl),
    );
    expect(assets.map((url) => url.pathname)).toEqual(
      expect.arrayContaining(['/api/docs/swagger-ui-bundle.js', '/api/docs/swagger-ui.css']),
    );
    expect(assets.filter((url) => url.origin !== 'http://gateway.example')).toEqual([]);
    for (const asset of assets) expect((await get(asset.pathname)).statusCode).toBe(200);
  });

  it('never lets Swagger UI ask the online validator about the document', async () => {
    const start = await get('/api/docs/swagger-ui-init.js');
    expect(start.statusCode).toBe(200);
    const options = JSON.parse(/let options = (\{[\s\S]*?\n\});/.exec(start.body)![1]!) as {
      customOptions: Record<string, unknown>;
      swaggerDoc: { paths: Record<string, unknown> };
    };
    expect(options.customOptions['validatorUrl']).toBe('none');
    expect(Object.keys(options.swaggerDoc.paths)).toEqual(['/api/v1/example']);
  });
});
