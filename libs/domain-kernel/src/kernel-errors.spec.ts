import { faultsOfCodeTables } from '../../../test/support/error-codes';
import { ConflictError, ERROR_CODE_PATTERN, ValidationFailedError } from './domain-errors';
import { KERNEL_ERROR_CODES } from './kernel-errors';

describe('error codes', () => {
  it.each(['RFI.NOT_FOUND', 'ASSIGNMENT.ALREADY_DECLINED', 'INPUT.UNKNOWN_REFERENCE'])(
    'takes %s as AREA.REASON',
    (code) => expect(code).toMatch(ERROR_CODE_PATTERN),
  );

  it.each([
    'rfi.not_found',
    'RFI',
    'RFI.',
    '.NOT_FOUND',
    'RFI.NOT__FOUND',
    'RFI.NOT_FOUND_',
    'A.B.C',
  ])('refuses %s', (code) => expect(code).not.toMatch(ERROR_CODE_PATTERN));

  it('finds what is wrong with a table: shape, key, mixed areas, a code given twice', () => {
    expect(
      faultsOfCodeTables({
        Good: { NOT_FOUND: 'RFI.NOT_FOUND' },
        Bad: { NOT_FOUND: 'rfi.not_found', GONE: 'RFI.NOT_FOUND', OTHER: 'EXCHANGE.OTHER' },
      }),
    ).toEqual([
      'Bad.NOT_FOUND: rfi.not_found is not AREA.REASON',
      'Bad.NOT_FOUND: rfi.not_found does not end in .NOT_FOUND',
      'Bad.GONE: RFI.NOT_FOUND does not end in .GONE',
      'Bad.GONE: RFI.NOT_FOUND is also Good.NOT_FOUND',
      'Bad mixes the areas rfi, RFI, EXCHANGE',
    ]);
  });

  it('keeps the kernel codes well formed and unique', () => {
    expect(faultsOfCodeTables(KERNEL_ERROR_CODES)).toEqual([]);
  });

  it('is the first argument of every domain error, beside the message and field errors', () => {
    const conflict = new ConflictError('ASSIGNMENT.ALREADY_DECLINED', 'Assignment is DECLINED');
    expect([conflict.code, conflict.message, conflict.kind]).toEqual([
      'ASSIGNMENT.ALREADY_DECLINED',
      'Assignment is DECLINED',
      'CONFLICT',
    ]);
    const invalid = new ValidationFailedError('INPUT.INVALID', 'Bad', [
      { field: 'a', message: 'b' },
    ]);
    expect([invalid.code, invalid.fieldErrors]).toEqual([
      'INPUT.INVALID',
      [{ field: 'a', message: 'b' }],
    ]);
  });
});
