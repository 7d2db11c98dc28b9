import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '@bp/contracts';

/** Unknown fields are refused, not dropped, and every bad field is named in `errors`. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({
        message: 'The request has invalid fields',
        errors: flattenValidationErrors(errors),
      }),
  });
}
