import { HttpResult } from './http';

export type Json = Record<string, unknown>;

/** The items of a list answer, as plain records. */
export const items = (answer: HttpResult<Json>) => answer.body.items as Json[];
