import { clientNetwork } from './client-network';

describe('the network a per-address limit counts', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['2001:db8:85a3:1:aaaa:bbbb:cccc:dddd', '2001:db8:85a3:1::/64'],
    ['2001:db8:85a3:1::1', '2001:db8:85a3:1::/64'],
    ['2001:0DB8:85A3:0001::ffff', '2001:db8:85a3:1::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('%s counts as %s', (address, network) => {
    expect(clientNetwork(address)).toBe(network);
  });

  it('counts every address of one /64 together, and two /64s apart', () => {
    expect(clientNetwork('2001:db8:0:1::a')).toBe(clientNetwork('2001:db8:0:1:ffff::b'));
    expect(clientNetwork('2001:db8:0:1::a')).not.toBe(clientNetwork('2001:db8:0:2::a'));
  });

  it('leaves what is not an address as it is', () => {
    expect(clientNetwork('1:2:3')).toBe('1:2:3');
  });
});
