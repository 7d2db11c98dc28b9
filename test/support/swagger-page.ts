import { Browser, Locator, Page, chromium } from 'playwright-core';
import { GATEWAY_PORT } from './test-env';

/** Debian's chromium, which infra/scripts/lib/browser.mjs installs for test runs. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * A name that is not loopback and leads to the test gateway, in this browser only: Swagger UI treats
 * pages on localhost and 127.0.0.1 specially (it never asks the online validator about them), so a
 * page under a real name shows what it calls out to in production. Production serves it over HTTPS,
 * a trustworthy origin, as loopback is: this origin is treated as one too (else Chromium ignores,
 * and reports, the Cross-Origin-Opener-Policy header, which plain HTTP cannot carry).
 */
export const PUBLIC_ORIGIN = `http://docs.bp.test:${GATEWAY_PORT}`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--host-resolver-rules=MAP ${new URL(PUBLIC_ORIGIN).hostname} 127.0.0.1`,
      `--unsafely-treat-insecure-origin-as-secure=${PUBLIC_ORIGIN}`,
    ],
  });
}

/** What the page did besides rendering: every request it made, its console errors, CSP reports. */
export interface PageRecord {
  requests: string[];
  errors: { text: string; url: string }[];
  violations: string[];
}

/**
 * Records a page from its first request on. CSP violations are caught by the document's own
 * `securitypolicyviolation` event (the init script runs in the page before any of its scripts,
 * injected by the browser, so the policy under test does not apply to it).
 */
export async function recordPage(page: Page): Promise<PageRecord> {
  const record: PageRecord = { requests: [], errors: [], violations: [] };
  page.on('request', (request) => record.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error')
      record.errors.push({ text: message.text(), url: message.location().url });
  });
  page.on('pageerror', (error) => record.errors.push({ text: error.message, url: page.url() }));
  await page.exposeFunction('reportViolation', (text: string) => record.violations.push(text));
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) =>
      reportViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline')));`,
  });
  return record;
}

/** What Swagger UI shows of the last call it made for an operation. */
export interface ShownResponse {
  status: number;
  body: string;
  headers: string[];
  curl: string;
}

/** One operation of the Swagger UI page, used as a person would: expand, try it out, execute. */
export class SwaggerOperation {
  readonly block: Locator;

  constructor(page: Page, tag: string, operationId: string) {
    // Swagger UI's id for an operation block (deep links use the same names).
    this.block = page.locator(`#operations-${tag}-${operationId}`);
  }

  async tryItOut(): Promise<void> {
    await this.block.locator('.opblock-summary-control').click();
    await this.block.getByRole('button', { name: 'Try it out' }).click();
  }

  async fillBody(json: unknown): Promise<void> {
    await this.block.locator('textarea.body-param__text').fill(JSON.stringify(json, null, 2));
  }

  /** Executes and waits for this call's answer (an earlier one is cleared first, as with "Clear"). */
  async execute(): Promise<ShownResponse> {
    const clear = this.block.getByRole('button', { name: 'Clear' });
    if (await clear.isVisible()) {
      await clear.click();
      await this.block.locator('.live-responses-table').waitFor({ state: 'detached' });
    }
    await this.block.getByRole('button', { name: 'Execute' }).click();
    const shown = this.block.locator('.live-responses-table .response');
    await shown.locator('.highlight-code').first().waitFor();
    return {
      // The code, then "Undocumented" where the document does not list it.
      status: parseInt(await shown.locator('.response-col_status').innerText(), 10),
      body: await shown.locator('.highlight-code code').first().innerText(),
      headers: (await shown.locator('.headerline').allInnerTexts()).map((line) => line.trim()),
      curl: await this.block.locator('.curl-command').innerText(),
    };
  }
}

/** Swagger UI's Authorize dialog, given the bearer token a person copied from the sign-in answer. */
export async function authorize(page: Page, token: string): Promise<void> {
  await page.locator('.auth-wrapper').getByRole('button', { name: 'Authorize' }).click();
  const dialog = page.locator('.modal-ux');
  await dialog.getByRole('textbox').fill(token);
  await dialog.getByRole('button', { name: 'Apply credentials' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
}
