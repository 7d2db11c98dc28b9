import { isUUID } from 'class-validator';
import { FieldError, Validated, validatePlain } from '../validation';
import { CommandDefinition, CommandInput } from './command-definition';

/**
 * Checks what a command message carries: each path id a version 4 UUID, the rest exactly the
 * payload class. The handler gets both merged, or nothing at all when any field is wrong.
 */
export function validateCommandInput<C extends CommandDefinition>(
  definition: C,
  plain: unknown,
): Validated<CommandInput<C>> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain))
    return { ok: false, errors: [{ field: '', message: 'must be a JSON object' }] };
  const rest: Record<string, unknown> = { ...(plain as Record<string, unknown>) };
  const ids: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const field of Object.keys(definition.ids)) {
    const value = rest[field];
    delete rest[field];
    if (typeof value === 'string' && isUUID(value, '4')) ids[field] = value;
    else errors.push({ field, message: `${field} must be a UUID` });
  }
  const body = validatePlain(definition.payload, rest);
  if (!body.ok) errors.push(...body.errors);
  if (!body.ok || errors.length) return { ok: false, errors };
  return { ok: true, value: Object.assign(body.value, ids) as CommandInput<C> };
}
