import { ValidationFailedError } from '@bp/domain-kernel';
import { ExchangeErrors } from './exchange-errors';

export interface Outcome {
  summary: string;
  lessonsLearned: string[];
  rating: number;
  comment: string | null;
  completedAt: string;
}

/** What came of the exchange and how the parties rate it, from 1 to 5. */
export function outcomeOf(outcome: Omit<Outcome, 'completedAt'>, now: Date): Outcome {
  if (!Number.isInteger(outcome.rating) || outcome.rating < 1 || outcome.rating > 5) {
    throw new ValidationFailedError(ExchangeErrors.RATING_OUT_OF_RANGE, 'Rate from 1 to 5', [
      { field: 'evaluation.rating', message: 'must be 1 to 5' },
    ]);
  }
  return {
    summary: outcome.summary.trim(),
    lessonsLearned: outcome.lessonsLearned.map((lesson) => lesson.trim()).filter(Boolean),
    rating: outcome.rating,
    comment: outcome.comment?.trim() || null,
    completedAt: now.toISOString(),
  };
}
