// What the bench does through the public API before measuring: sign in, check the rate limit,
// prepare RFIs to read and answer. Everything here goes through the gateway, as a client would.
import { randomUUID } from 'node:crypto';

export class Api {
  constructor(baseUrl, password) {
    this.base = `${baseUrl}/api/v1`;
    this.password = password;
    this.sessions = new Map();
  }

  async call(method, path, { token, body, headers = {} } = {}) {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const detail = json?.detail ?? json?.title ?? text;
      const error = new Error(`${method} ${path} answered ${response.status}: ${detail}`);
      error.status = response.status;
      throw error;
    }
    return { json, headers: response.headers };
  }

  /**
   * A token for `username`, signed in again when it is near its end: sign-in is limited to a few
   * attempts a minute per username (LOGIN_RATE_LIMIT_PER_MINUTE), so the bench never signs in per
   * run. A new account would first have to replace its password; the demo accounts need not.
   */
  async token(username) {
    const session = this.sessions.get(username);
    if (session && session.until > Date.now()) return session.token;
    const { json } = await this.call('POST', '/auth/token', {
      body: { username, password: this.password },
    });
    const me = (await this.call('GET', '/me', { token: json.accessToken })).json;
    if (me.passwordChangeRequired)
      throw new Error(`${username} must change its password first (POST /api/v1/me/password)`);
    this.sessions.set(username, {
      token: json.accessToken,
      until: Date.now() + Math.max(30, json.expiresIn - 120) * 1000,
      me,
    });
    return json.accessToken;
  }

  me(username) {
    return this.sessions.get(username)?.me;
  }

  /** The per-user limit the gateway announces (RateLimit-Policy), or null if it sends none. */
  async rateLimit(username) {
    const { headers } = await this.call('GET', '/rfis?limit=1', {
      token: await this.token(username),
    });
    const policy = headers.get('ratelimit-policy') ?? '';
    const quota = /q=(\d+)/.exec(policy);
    const window = /w=(\d+)/.exec(policy);
    return quota ? { requests: Number(quota[1]), windowSeconds: Number(window?.[1] ?? 60) } : null;
  }

  /** `count` bilateral RFIs from the requester to the recipient's party, submitted (so ROUTED). */
  async prepareRfis(count, { requester, recipientParty, concurrency = 8, tag }) {
    const token = await this.token(requester);
    const made = [];
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const n = next++;
        const { json } = await this.call('POST', '/rfis', {
          token,
          headers: { 'idempotency-key': randomUUID() },
          body: rfiBody(recipientParty, `${tag} ${n}`),
        });
        made.push({ id: json.id, assignmentId: json.assignments[0].id });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return made;
  }
}

/** The request body of a bilateral RFI, submitted at once: the README's worked example. */
export function rfiBody(targetParty, suffix = '') {
  return {
    title: `Benchmark: facilitators of a smuggling network ${suffix}`.trim(),
    question:
      'Do you hold information on the three facilitators named in the annex, their routes and the documents they use?',
    topics: ['SMUGGLING_OF_MIGRANTS', 'DOCUMENT_FRAUD'],
    priority: 'NORMAL',
    channel: 'BILATERAL',
    targetParties: [targetParty],
    handlingCode: 'H1',
    secretariatAccess: 'FULL',
    language: 'en',
    submit: true,
  };
}

export const RESPONSE_BODY = {
  kind: 'RESPONSE',
  body: 'Two of the three are known to us; the attached report names their contacts and routes.',
  handlingCode: 'H1',
  grading: { sourceReliability: 'B', accuracy: 2 },
};
