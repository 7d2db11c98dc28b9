import { Inject, Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import {
  NOTIFICATION_SERVICE_SETTINGS,
  NotificationServiceSettings,
} from '../../config/notification-service-settings';
import { targetUrlProblem } from '../../domain/webhook-rules';

/**
 * The range an address is in, by ipaddr.js ('unicast' is public); an IPv4 address written as
 * IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
 */
export function addressRange(address: string): string {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    return (parsed as ipaddr.IPv6).toIPv4Address().range();
  return parsed.range();
}

/**
 * Only public unicast addresses may be called: private, loopback, link-local (with the cloud
 * metadata address 169.254.169.254), unique-local, multicast, unspecified, carrier-grade NAT,
 * broadcast, reserved and the IPv6 ranges that embed an IPv4 address (6to4, Teredo, NAT64) are not.
 */
export function isPublicAddress(address: string): boolean {
  return addressRange(address) === 'unicast';
}

/** A target that may be called, and the one address the request must go to. */
export interface VettedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/** Why a target is refused; its message is for the webhook's owner (a 400's detail, an attempt's error). */
export class TargetRefused extends Error {}

/**
 * Decides whether a webhook target may be called, at registration and again before each attempt
 * (a name may resolve elsewhere by then), and answers the address to pin the request to, so that
 * the name is not resolved a second time by the HTTP client (DNS rebinding). Hosts or addresses
 * named in WEBHOOK_ALLOWED_TARGETS pass although not public.
 */
@Injectable()
export class WebhookTargets {
  private readonly allowed: ReadonlySet<string>;

  constructor(@Inject(NOTIFICATION_SERVICE_SETTINGS) settings: NotificationServiceSettings) {
    this.allowed = new Set(settings.webhooks.allowedTargets.map(normalised));
  }

  async vet(target: string): Promise<VettedTarget> {
    const url = new URL(target);
    const problem = targetUrlProblem(url);
    if (problem) throw new TargetRefused(problem);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const addresses = ipaddr.isValid(host)
      ? [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }]
      : await lookup(host, { all: true }).catch(() => []);
    if (!addresses.length) throw new TargetRefused(`${host} does not resolve`);
    const hostAllowed = this.allowed.has(normalised(host));
    for (const { address } of addresses) {
      if (!hostAllowed && !isPublicAddress(address) && !this.allowed.has(normalised(address)))
        throw new TargetRefused(
          `${host} resolves to ${address}, a ${addressRange(address)} address: only public ` +
            'addresses may be webhook targets',
        );
    }
    const [first] = addresses;
    return { url, address: first!.address, family: first!.family === 6 ? 6 : 4 };
  }
}

function normalised(hostOrAddress: string): string {
  const lower = hostOrAddress.toLowerCase();
  return ipaddr.isValid(lower) ? ipaddr.process(lower).toString() : lower;
}
