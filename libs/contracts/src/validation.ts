import { ClassConstructor, plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { FieldError } from '@bp/domain-kernel';

export type { FieldError };

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Flattens class-validator's tree into `a.b[0].c: message` pairs that a client can show next to a field. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * Turns untrusted plain data into an instance of `type`, rejecting unknown properties, so that a
 * message or body is either fully valid or refused as a whole.
 */
export function validatePlain<T extends object>(
  type: ClassConstructor<T>,
  plain: unknown,
): Validated<T> {
  return validateAs(type, plain, true);
}

/**
 * The same checks for what another service published, read as a tolerant reader: properties this
 * side does not know are dropped, not refused, so a producer can add an optional field before
 * every consumer knows it. What is known must still be valid.
 */
export function readPlain<T extends object>(
  type: ClassConstructor<T>,
  plain: unknown,
): Validated<T> {
  return validateAs(type, plain, false);
}

function validateAs<T extends object>(
  type: ClassConstructor<T>,
  plain: unknown,
  refuseUnknown: boolean,
): Validated<T> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, errors: [{ field: '', message: 'must be a JSON object' }] };
  }
  const value = plainToInstance(type, plain, { enableImplicitConversion: false });
  // forbidUnknownValues would refuse classes without rules (an empty payload); unknown properties
  // are still refused by forbidNonWhitelisted (or stripped by whitelist alone).
  const errors = validateSync(value, {
    whitelist: true,
    forbidNonWhitelisted: refuseUnknown,
    forbidUnknownValues: false,
  });
  return errors.length
    ? { ok: false, errors: flattenValidationErrors(errors) }
    : { ok: true, value };
}
