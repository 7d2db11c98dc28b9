import { KERNEL_ERROR_CODES } from '@bp/domain-kernel';
import { faultsOfCodeTables } from '../../../../test/support/error-codes';
import { AlertErrors } from './alert-errors';

it('keeps the alert error codes well formed and unique', () => {
  expect(faultsOfCodeTables({ ...KERNEL_ERROR_CODES, AlertErrors })).toEqual([]);
});
