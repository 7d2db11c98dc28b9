import { Browser, Page, Response } from 'playwright-core';
import { appsForFile } from './support/apps-for-file';
import { TestAccount, createTestAccount } from './support/account-fixtures';
import {
  PageRecord,
  PUBLIC_ORIGIN,
  ShownResponse,
  SwaggerOperation,
  authorize,
  launchChromium,
  recordPage,
} from './support/swagger-page';
import { GATEWAY_PORT } from './support/test-env';

jest.setTimeout(120_000);

const gateway = `http://127.0.0.1:${GATEWAY_PORT}`;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** The JSON a response shows; Swagger UI pretty-prints it. */
const shownJson = (shown: ShownResponse): Record<string, unknown> => JSON.parse(shown.body);
const header = (shown: ShownResponse, name: string): string | undefined =>
  shown.headers
    .find((line) => line.toLowerCase().startsWith(`${name}:`))
    ?.slice(name.length + 1)
    .trim();

// Issue 16: the API docs page works in a real browser, from the gateway's own assets, under its CSP.
describe('the API docs page in headless Chromium (/api/docs, real gateway, Kafka and PostgreSQL)', () => {
  appsForFile('notification-service');
  let browser: Browser;
  let page: Page;
  let docsAnswer: Response | null;
  let record: PageRecord;
  let account: TestAccount;

  beforeAll(async () => {
    account = await createTestAccount({ prefix: 'docs' });
    browser = await launchChromium();
    page = await browser.newPage();
    record = await recordPage(page);
    docsAnswer = await page.goto(`${gateway}/api/docs`);
    await page.locator('.opblock').first().waitFor();
  });

  afterAll(() => browser?.close());

  it('renders every operation of the OpenAPI document', async () => {
    const document = (await (await fetch(`${gateway}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    // Swagger UI shows an operation once under each of its tags.
    const operations = Object.values(document.paths)
      .flatMap((item) => Object.entries(item))
      .filter(([method]) => METHODS.includes(method))
      .reduce((shown, [, operation]) => shown + Math.max(1, operation.tags?.length ?? 0), 0);
    expect(operations).toBeGreaterThan(50);
    expect(await page.locator('.opblock').count()).toBe(operations);
    await expect(page.locator('.info .title').innerText()).resolves.toContain(
      'Budapest Process cooperation channel',
    );
  });

  it('loads everything from the gateway itself: no CDN, nothing from another origin', () => {
    const outside = record.requests.filter(
      (url) => !url.startsWith('data:') && new URL(url).origin !== gateway,
    );
    expect(outside).toEqual([]);
    // Swagger UI's own bundle, styles and start script, as swagger-ui-dist ships them.
    expect(record.requests).toEqual(
      expect.arrayContaining([
        `${gateway}/api/docs`,
        `${gateway}/api/docs/swagger-ui.css`,
        `${gateway}/api/docs/swagger-ui-bundle.js`,
        `${gateway}/api/docs/swagger-ui-standalone-preset.js`,
        `${gateway}/api/docs/swagger-ui-init.js`,
      ]),
    );
  });

  it('runs under its Content-Security-Policy with no violation and no error', () => {
    expect(docsAnswer?.status()).toBe(200);
    expect(docsAnswer?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(record.violations).toEqual([]);
    expect(record.errors).toEqual([]);
  });

  it('answers a try without a token 401 problem+json, shown in the page', async () => {
    const me = new SwaggerOperation(page, 'identity', 'IdentityController_me');
    await me.tryItOut();
    const refused = await me.execute();
    expect(refused.status).toBe(401);
    expect(header(refused, 'content-type')).toContain('application/problem+json');
    expect(shownJson(refused)).toMatchObject({ status: 401, title: expect.any(String) });
    expect(refused.curl).not.toContain('Authorization');
    // Chromium logs any 4xx it loads; that one, and nothing else, is expected.
    expect(record.errors).toEqual([
      { text: expect.stringContaining('status of 401'), url: `${gateway}/api/v1/me` },
    ]);
    record.errors.length = 0;
  });

  it('signs in from the page, authorizes with the token and reads the caller as that user', async () => {
    const signIn = new SwaggerOperation(page, 'identity', 'IdentityController_signIn');
    await signIn.tryItOut();
    await signIn.fillBody({ username: account.username, password: account.password });
    const signedIn = await signIn.execute();
    expect(signedIn.status).toBe(200);
    const token = shownJson(signedIn)['accessToken'];
    expect(token).toEqual(expect.stringMatching(/^ey[\w-]+\.[\w-]+\.[\w-]+$/));

    await authorize(page, token as string);
    const me = new SwaggerOperation(page, 'identity', 'IdentityController_me');
    const shown = await me.execute();
    expect(shown.status).toBe(200);
    expect(shown.curl).toContain(`Authorization: Bearer ${token as string}`);
    expect(shownJson(shown)).toMatchObject({
      id: account.id,
      username: account.username,
      role: 'focal_point',
      party: 'SRB',
    });

    expect(record.violations).toEqual([]);
    expect(record.errors).toEqual([]);
    const outside = record.requests.filter(
      (url) => !url.startsWith('data:') && new URL(url).origin !== gateway,
    );
    expect(outside).toEqual([]);
  });

  it('stays on its own origin under a public name too (no validator badge, nothing else)', async () => {
    const named = PUBLIC_ORIGIN;
    const other = await browser.newPage();
    const seen = await recordPage(other);
    await other.goto(`${named}/api/docs`);
    await other.locator('.opblock').first().waitFor();
    // Long enough for the bundle's after-render requests (the badge is an image it loads then).
    await other.waitForLoadState('networkidle');
    expect(seen.requests.filter((url) => !url.startsWith(`${named}/`))).toEqual([]);
    expect(seen.requests).toContain(`${named}/api/docs/swagger-ui-bundle.js`);
    expect(seen.violations).toEqual([]);
    expect(seen.errors).toEqual([]);
    await other.close();
  });
});
