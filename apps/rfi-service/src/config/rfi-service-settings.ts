import { ATTACHMENT_DEFAULT_MAX_BYTES, SERVICES } from '@bp/contracts';
import { ServiceSettings, serviceSettings } from '@bp/messaging';
import { deepFreeze, validateEnvironment } from '@bp/observability';
import { RfiSettings } from '../application/rfi-settings';
import { AttachmentSettings } from '../application/attachment-settings';
import { parseResponseTimes } from '../domain/due-time';
import { parseRetention } from '../domain/retention/retention-policy';
import { RfiServiceEnvironment } from './rfi-service-environment';

/** Everything the rfi-service is configured with, validated once at boot and frozen. */
export interface RfiServiceSettings extends ServiceSettings {
  readonly rfi: RfiSettings;
  readonly attachments: AttachmentSettings;
}

/** Injection token of the RfiServiceSettings (RfiSettings alone are injected by their class). */
export const RFI_SERVICE_SETTINGS = Symbol('RFI_SERVICE_SETTINGS');

/**
 * The one place the rfi-service reads its environment (README, Environment variables). Its entry
 * scripts call it first; a bad setting stops the process with every bad variable named.
 */
export function loadRfiServiceSettings(
  env: Record<string, string | undefined> = process.env,
): RfiServiceSettings {
  const environment = validateEnvironment(RfiServiceEnvironment)(env);
  return deepFreeze({
    ...serviceSettings(environment, { databaseName: 'bp_rfi', httpPort: SERVICES.rfi.httpPort }),
    rfi: new RfiSettings(
      parseResponseTimes(environment.RFI_RESPONSE_TIMES),
      environment.RFI_ESCALATION_STEP_PERCENT ?? 50,
      environment.RFI_OVERDUE_SCAN_INTERVAL_MS ?? 60_000,
      environment.RFI_DUE_SOON_SHARE ?? 0.75,
      parseRetention(environment.RFI_RETENTION),
    ),
    attachments: new AttachmentSettings(
      {
        maxBytes: environment.ATTACHMENT_MAX_BYTES ?? ATTACHMENT_DEFAULT_MAX_BYTES,
        maxTotalBytes: environment.ATTACHMENT_MAX_TOTAL_BYTES ?? 200_000_000,
        maxCount: environment.ATTACHMENT_MAX_COUNT ?? 50,
      },
      environment.ATTACHMENT_STORE === 's3'
        ? {
            kind: 's3',
            bucket: environment.ATTACHMENT_S3_BUCKET!,
            endpoint: environment.ATTACHMENT_S3_ENDPOINT,
            region: environment.ATTACHMENT_S3_REGION ?? 'us-east-1',
            forcePathStyle: environment.ATTACHMENT_S3_FORCE_PATH_STYLE === 'true',
          }
        : { kind: 'postgres' },
      environment.ATTACHMENT_SWEEP_INTERVAL_MS ?? 60_000,
      environment.ATTACHMENT_MAX_CONCURRENT_UPLOADS ?? 4,
    ),
  });
}
