import { KERNEL_ERROR_CODES } from '@bp/domain-kernel';
import { faultsOfCodeTables } from '../../../../test/support/error-codes';
import { DeploymentErrors, ExtensionErrors, OfficerErrors, RouteErrors } from './deployment-errors';

it('keeps the deployment error codes well formed, one area per table, and unique', () => {
  expect(
    faultsOfCodeTables({
      ...KERNEL_ERROR_CODES,
      DeploymentErrors,
      ExtensionErrors,
      OfficerErrors,
      RouteErrors,
    }),
  ).toEqual([]);
});
