import { as } from './api';
import { HttpResult } from './http';

type Json = Record<string, unknown>;

/** Calls the API and keeps every answer, so that a test can search all it was told for a leak. */
export class RecordedAnswers {
  readonly bodies: unknown[] = [];

  async get(user: string, path: string): Promise<HttpResult<Json>> {
    const answer = await as<Json>(user, 'GET', path);
    this.bodies.push(answer.body);
    return answer;
  }

  /** A POST that must succeed: the scenario cannot go on otherwise. */
  async post(user: string, path: string, json: unknown): Promise<HttpResult<Json>> {
    const answer = await as<Json>(user, 'POST', path, { json });
    this.bodies.push(answer.body);
    if (answer.status >= 300)
      throw new Error(`${user} POST ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  }
}
