import { KERNEL_ERROR_CODES } from '@bp/domain-kernel';
import { faultsOfCodeTables } from '../../../../test/support/error-codes';
import { NotificationErrors } from './notification-errors';
import { DutyErrors, PageErrors } from './duty-errors';
import { WebhookErrors } from './webhook-errors';

it('keeps the notification, duty and webhook error codes well formed and unique', () => {
  expect(
    faultsOfCodeTables({
      ...KERNEL_ERROR_CODES,
      NotificationErrors,
      DutyErrors,
      PageErrors,
      WebhookErrors,
    }),
  ).toEqual([]);
});
