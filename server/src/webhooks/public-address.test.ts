import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostOf, nonPublicKind } from './public-address.js';

describe('nonPublicKind', () => {
  const cases: Array<[string, string | null]> = [
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['169.254.169.254', 'link-local (cloud metadata lives here)'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd00::1', 'unique-local'],
    ['fd00:ec2::254', 'unique-local'],
    ['fe80::1', 'link-local (cloud metadata lives here)'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local (cloud metadata lives here)'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:7f00:1::', 'reserved'],
    ['ff02::1', 'multicast'],
    ['not-an-ip', 'reserved'],
    ['93.184.216.34', null],
    ['8.8.8.8', null],
    ['172.32.0.1', null],
    ['2606:4700::1111', null],
    ['::ffff:8.8.8.8', null],
    ['64:ff9b::808:808', null],
  ];
  for (const [address, kind] of cases) {
    it(`calls ${address} ${kind ?? 'public'}`, () => assert.equal(nonPublicKind(address), kind));
  }

  it('sees the shorthand, hex and decimal forms of loopback as the URL parser normalises them', () => {
    for (const url of [
      'https://127.1/',
      'https://0x7f000001/',
      'https://2130706433/',
      'https://0177.0.0.1/',
      'https://[::ffff:127.0.0.1]/',
    ]) {
      assert.equal(nonPublicKind(hostOf(new URL(url))), 'loopback', url);
    }
  });
});
