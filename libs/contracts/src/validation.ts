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
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, errors: [{ field: '', message: 'must be a JSON object' }] };
  }
  const value = plainToInstance(type, plain, { enableImplicitConversion: false });
  // forbidUnknownValues would refuse classes without rules (an empty payload); unknown properties
  // are still refused by forbidNonWhitelisted.
  const errors = validateSync(value, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: false,
  });
  return errors.length
    ? { ok: false, errors: flattenValidationErrors(errors) }
    : { ok: true, value };
}
