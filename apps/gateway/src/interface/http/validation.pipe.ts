import { ValidationPipe } from '@nestjs/common';
import { InputErrors, ValidationFailedError, flattenValidationErrors } from '@bp/contracts';

/**
 * Unknown fields are refused, not dropped, and every bad field is named in `errors`. The refusal
 * is the same domain error a service raises for invalid input, so it carries the same code.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new ValidationFailedError(
        InputErrors.INVALID,
        'The request has invalid fields',
        flattenValidationErrors(errors),
      ),
  });
}
