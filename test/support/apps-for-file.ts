import { SERVICES } from '@bp/contracts';
import { apps } from './test-env';

/** Every service behind the gateway, as the test stack names them. */
export const EVERY_SERVICE = Object.values(SERVICES).map((service) => service.name);

/**
 * Starts the services, then the gateway in front of them, before a spec file's tests (or finds them
 * running from an earlier file), and releases them after. Call it at the level whose tests need the
 * apps (top level or in a describe).
 */
export function appsForFile(...services: string[]): void {
  beforeAll(async () => {
    await apps.start(...services);
    await apps.start('gateway');
  });
  afterAll(() => apps.release('gateway', ...services));
}
