import { NotificationServiceSettings } from '../../config/notification-service-settings';
import { TargetRefused, WebhookTargets, addressRange, isPublicAddress } from './webhook-targets';

const targets = (allowedTargets: string[] = []) =>
  new WebhookTargets({ webhooks: { allowedTargets } } as unknown as NotificationServiceSettings);

describe('which addresses a webhook may call (SSRF)', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:a00:1::', '6to4'],
  ])('refuses %s (%s)', (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '193.0.6.139', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => expect(isPublicAddress(address)).toBe(true),
  );

  it('refuses private and metadata targets with a reason naming the address', async () => {
    await expect(targets().vet('http://10.0.0.1/hook')).rejects.toThrow(
      /10\.0\.0\.1, a private address/,
    );
    await expect(targets().vet('http://169.254.169.254/latest/meta-data')).rejects.toThrow(
      /linkLocal/,
    );
    await expect(targets().vet('http://[::1]:8080/')).rejects.toThrow(TargetRefused);
    // The WHATWG URL parser normalises other spellings of an address before it is judged.
    await expect(targets().vet('http://0x7f.1/')).rejects.toThrow(/127\.0\.0\.1/);
    await expect(targets().vet('http://localhost/')).rejects.toThrow(/loopback/);
  });

  it('refuses other schemes and credentials before looking anything up', async () => {
    await expect(targets().vet('ftp://example.org/')).rejects.toThrow(/http and https/);
    await expect(targets().vet('https://u:p@example.org/')).rejects.toThrow(/password/);
  });

  it('allows a non-public host or address only when the allowlist names it, and pins it', async () => {
    expect(await targets(['127.0.0.1']).vet('http://127.0.0.1:4000/hook')).toEqual({
      url: new URL('http://127.0.0.1:4000/hook'),
      address: '127.0.0.1',
      family: 4,
    });
    await expect(targets(['127.0.0.1']).vet('http://10.0.0.1/')).rejects.toThrow(TargetRefused);
    await expect(targets(['localhost']).vet('http://localhost:4000/')).resolves.toMatchObject({
      address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/),
    });
  });
});
