import { KERNEL_ERROR_CODES } from '@bp/domain-kernel';
import { faultsOfCodeTables } from '../../../../test/support/error-codes';
import { NotificationErrors } from './notification-errors';
import { WebhookErrors } from './webhook-errors';

it('keeps the notification and webhook error codes well formed and unique', () => {
  expect(faultsOfCodeTables({ ...KERNEL_ERROR_CODES, NotificationErrors, WebhookErrors })).toEqual(
    [],
  );
});
