import { KERNEL_ERROR_CODES } from '@bp/domain-kernel';
import { faultsOfCodeTables } from '../../../../test/support/error-codes';
import { AccountErrors, PasswordErrors } from './account-errors';
import { DutyContactErrors } from './duty-contacts';

it('keeps the identity error codes well formed, one area per table, and unique', () => {
  expect(
    faultsOfCodeTables({
      ...KERNEL_ERROR_CODES,
      AccountErrors,
      PasswordErrors,
      DutyContactErrors,
    }),
  ).toEqual([]);
});
