import { KERNEL_ERROR_CODES } from '@bp/domain-kernel';
import { faultsOfCodeTables } from '../../../../test/support/error-codes';
import { ExchangeErrors } from './exchange-errors';

it('keeps the knowledge-exchange error codes well formed and unique', () => {
  expect(faultsOfCodeTables({ ...KERNEL_ERROR_CODES, ExchangeErrors })).toEqual([]);
});
