// A client that retries as a real one does: on a 5xx, a timeout or a refused connection it sends
// the same request again with the same Idempotency-Key, after a growing pause, up to a limit,
// each time through the next gateway (as a load balancer would). It keeps a record of every
// attempt, so the report can tell what the faults cost and the checks what was accepted.
import { randomUUID } from 'node:crypto';

const RETRYABLE = (status) => status >= 500 || status === 429;

export class RetryingClient {
  constructor(gatewayUrls, { maxAttempts = 25, timeoutMs = 10_000, now = Date.now } = {}) {
    this.gateways = gatewayUrls;
    this.next = 0;
    this.maxAttempts = maxAttempts;
    this.timeoutMs = timeoutMs;
    this.now = now;
    this.tokens = new Map();
    this.stats = { attempts: 0, retries: 0, status5xx: 0, timeouts: 0, connectionErrors: 0 };
    /** Every failed attempt: when, and which service it was for. */
    this.failures = [];
    /** Every accepted command: key, service, kind, id of what it made, when. */
    this.accepted = [];
    /** Commands given up after maxAttempts: outcome unknown (applied once or not at all). */
    this.abandoned = [];
    /** Commands refused with a 4xx: a correct system refuses none of this load. */
    this.refused = [];
  }

  gateway() {
    const url = this.gateways[this.next % this.gateways.length];
    this.next += 1;
    return url;
  }

  async once(method, path, { token, body, key }) {
    const base = this.gateway();
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        // The key is also the correlation id: every attempt's events can be found by it.
        ...(key ? { 'idempotency-key': key, 'x-correlation-id': key } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { raw: text.slice(0, 200) };
    }
    return { status: response.status, json, gateway: base };
  }

  /**
   * One request until it is answered with anything but a 5xx/429/timeout/connection error, or
   * the attempts run out. `command` is set for mutating requests: it is recorded and keyed.
   */
  async send(method, path, { token, body, command } = {}) {
    const key = command ? (command.key ?? randomUUID()) : undefined;
    const firstAt = this.now();
    for (let attempt = 1; ; attempt += 1) {
      this.stats.attempts += 1;
      if (attempt > 1) this.stats.retries += 1;
      let failure;
      try {
        const answer = await this.once(method, path, { token, body, key });
        if (!RETRYABLE(answer.status)) {
          if (answer.status >= 400) {
            const refusal = { ...command, key, path, status: answer.status, problem: answer.json };
            if (command) this.refused.push(refusal);
            const error = new Error(`${method} ${path} answered ${answer.status}`);
            error.refusal = refusal;
            throw error;
          }
          if (command)
            this.accepted.push({
              ...command,
              key,
              id: answer.json?.id,
              status: answer.status,
              attempts: attempt,
              firstAt,
              at: this.now(),
            });
          return answer.json;
        }
        this.stats.status5xx += 1;
        failure = { kind: `http ${answer.status}`, code: answer.json?.code };
      } catch (error) {
        if (error.refusal) throw error;
        if (error.name === 'TimeoutError' || error.name === 'AbortError') {
          this.stats.timeouts += 1;
          failure = { kind: 'timeout' };
        } else {
          this.stats.connectionErrors += 1;
          failure = { kind: 'connection', code: error.cause?.code ?? error.message };
        }
      }
      this.failures.push({ at: this.now(), service: command?.service, ...failure });
      if (attempt >= this.maxAttempts) {
        if (command) this.abandoned.push({ ...command, key, path, lastFailure: failure });
        const error = new Error(`${method} ${path}: gave up after ${attempt} attempts`);
        error.abandoned = true;
        throw error;
      }
      const pause = Math.min(3_000, 100 * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, pause / 2 + Math.random() * (pause / 2)));
    }
  }

  /** Signs in once per user (sign-in is limited per minute); retried like any request. */
  async token(username, password) {
    const known = this.tokens.get(username);
    if (known) return known;
    const { accessToken } = await this.send('POST', '/auth/token', {
      body: { username, password },
    });
    this.tokens.set(username, accessToken);
    return accessToken;
  }
}
