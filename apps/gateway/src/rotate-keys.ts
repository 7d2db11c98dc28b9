import 'reflect-metadata';
import { KeyKind, rotateKeys } from '@bp/auth';
import { loadGatewaySettings } from './config/gateway-settings';

/** A retired key is kept this much longer than the longest life of what it signed (clock skew). */
const MARGIN_MS = 60_000;

/**
 * Rotates the gateway's keys in JWT_KEY_DIR: the access-token key by default, the command key with
 * `--command`, both with `--all`. Running gateways and services follow within seconds; tokens and
 * assertions signed with the old key stay valid until they expire, and retired keys older than that
 * are deleted. Usage: `npm run keys:rotate [-- --command|--all]`.
 */
function main(args: readonly string[]): void {
  const settings = loadGatewaySettings();
  const kinds: KeyKind[] = args.includes('--all')
    ? ['jwt', 'command']
    : args.includes('--command')
      ? ['command']
      : ['jwt'];
  const lifetimeMs: Record<KeyKind, number> = {
    jwt: settings.jwtTtlSeconds * 1000,
    command: settings.serviceTimeoutMs,
  };
  for (const kind of kinds) {
    const rotation = rotateKeys(settings.keyDir, kind, lifetimeMs[kind] + MARGIN_MS);
    process.stdout.write(
      `${kind} key rotated in ${settings.keyDir}: now ${rotation.current}, retired ${rotation.retired}` +
        `${rotation.pruned.length ? `, deleted expired ${rotation.pruned.join(', ')}` : ''}\n`,
    );
  }
}

main(process.argv.slice(2));
