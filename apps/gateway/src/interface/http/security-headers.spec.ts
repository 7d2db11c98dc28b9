import { securityHeadersFor } from './security-headers';

/** The directives of a Content-Security-Policy, by name. */
function directives(policy: string): Record<string, string> {
  return Object.fromEntries(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values.join(' ')];
    }),
  );
}

describe('securityHeadersFor', () => {
  it.each([['/api/v1/rfis/:id'], ['/health/ready'], [undefined]])(
    'gives %s (API, operations, or no route at all) the strict policy and no-store',
    (route) => {
      const headers = securityHeadersFor(route);
      expect(headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      expect(directives(headers['content-security-policy']!)).toMatchObject({
        'default-src': "'none'",
        'frame-ancestors': "'none'",
      });
      expect(headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    },
  );

  it('lets the docs page load its own scripts and styles, and nothing from elsewhere', () => {
    const csp = directives(securityHeadersFor('/api/docs')['content-security-policy']!);
    expect(csp).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'frame-ancestors': "'none'",
    });
    expect(csp['script-src']).not.toContain('unsafe');
  });

  it('lets the docs assets be cached, but not the page or the document', () => {
    expect(securityHeadersFor('/api/docs/swagger-ui-init.js')['cache-control']).toBeUndefined();
    expect(securityHeadersFor('/api/docs/*')['cache-control']).toBeUndefined();
    expect(securityHeadersFor('/api/docs')['cache-control']).toBe('no-store');
    expect(securityHeadersFor('/api/docs-json')['cache-control']).toBe('no-store');
  });

  it('decides by route pattern: a path that only starts like the docs gets the strict policy', () => {
    const strict = securityHeadersFor('/api/v1/rfis')['content-security-policy'];
    expect(securityHeadersFor('/api/docs-json')['content-security-policy']).toBe(strict);
    expect(securityHeadersFor('/api/docsx')['content-security-policy']).toBe(strict);
  });
});
