import { InputErrors, ValidationFailedError } from '@bp/contracts';
import { isPartyCode, isTopic } from '@bp/reference';

/** Party and topic codes must be ones GET /parties and GET /topics list. */
export function checkCodes(
  parties: Record<string, string[]>,
  topics: Record<string, string[]>,
): void {
  const errors = [
    ...Object.entries(parties).flatMap(([field, codes]) =>
      codes
        .filter((c) => !isPartyCode(c))
        .map((c) => ({ field, message: `unknown party ${c} (GET /parties)` })),
    ),
    ...Object.entries(topics).flatMap(([field, codes]) =>
      codes.flatMap((c, i) =>
        isTopic(c)
          ? []
          : [{ field: `${field}[${i}]`, message: `unknown topic ${c} (GET /topics)` }],
      ),
    ),
  ];
  if (errors.length)
    throw new ValidationFailedError(
      InputErrors.UNKNOWN_REFERENCE,
      'Unknown reference codes',
      errors,
    );
}
