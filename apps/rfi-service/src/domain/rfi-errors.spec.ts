import { KERNEL_ERROR_CODES } from '@bp/domain-kernel';
import { faultsOfCodeTables } from '../../../../test/support/error-codes';
import {
  AssignmentErrors,
  EntityErrors,
  LinkErrors,
  MessageErrors,
  RetentionErrors,
  RfiErrors,
} from './rfi-errors';

it('keeps the RFI error codes well formed, one area per table, and unique', () => {
  expect(
    faultsOfCodeTables({
      ...KERNEL_ERROR_CODES,
      RfiErrors,
      AssignmentErrors,
      MessageErrors,
      EntityErrors,
      LinkErrors,
      RetentionErrors,
    }),
  ).toEqual([]);
});
