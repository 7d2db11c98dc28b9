import { DomainError, ProblemDetails, ProblemTypes, problem, problemOf } from '@bp/contracts';
import { databaseAnswers, isTransientDatabaseError } from '@bp/persistence';

/**
 * What a request that failed answers, whichever road it came by (a command from Kafka, a transfer
 * on a service's HTTP port): a domain refusal its own problem; an unreachable database 503, safe to
 * retry; anything else 500, logged with its stack, its text never shown.
 */
export async function failureProblem(
  error: unknown,
  em: Parameters<typeof databaseAnswers>[0],
  logger: { warn(message: string): void; error(message: string, stack?: string): void },
  what: string,
): Promise<ProblemDetails> {
  if (error instanceof DomainError) return problemOf(error);
  if (isTransientDatabaseError(error) || !(await databaseAnswers(em))) {
    logger.warn(`${what} failed, database unavailable: ${describe(error)}`);
    return problem(
      503,
      ProblemTypes.serviceUnavailable,
      'Service unavailable',
      'The service cannot reach its database; retry with the same Idempotency-Key',
    );
  }
  logger.error(
    `${what} failed: ${describe(error)}`,
    error instanceof Error ? error.stack : undefined,
  );
  return problem(
    500,
    ProblemTypes.internal,
    'Internal error',
    'The request could not be completed',
  );
}

export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
