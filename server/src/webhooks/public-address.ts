import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Why an address is not a public one; each kind is refused as a webhook destination. */
export type AddressKind =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared (carrier-grade NAT)'
  | 'link-local (cloud metadata lives here)'
  | 'unique-local'
  | 'multicast'
  | 'reserved';

/** Ranges by kind, IANA's special-purpose registries; IPv4-mapped IPv6 is checked as IPv4. */
const RANGES: Array<[AddressKind, Array<[string, number, 'ipv4' | 'ipv6']>]> = [
  [
    'unspecified',
    [
      ['0.0.0.0', 8, 'ipv4'],
      ['::', 128, 'ipv6'],
    ],
  ],
  [
    'loopback',
    [
      ['127.0.0.0', 8, 'ipv4'],
      ['::1', 128, 'ipv6'],
    ],
  ],
  [
    'private',
    [
      ['10.0.0.0', 8, 'ipv4'],
      ['172.16.0.0', 12, 'ipv4'],
      ['192.168.0.0', 16, 'ipv4'],
    ],
  ],
  ['shared (carrier-grade NAT)', [['100.64.0.0', 10, 'ipv4']]],
  [
    'link-local (cloud metadata lives here)',
    [
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
      ['fec0::', 10, 'ipv6'],
    ],
  ],
  ['unique-local', [['fc00::', 7, 'ipv6']]],
  [
    'multicast',
    [
      ['224.0.0.0', 4, 'ipv4'],
      ['ff00::', 8, 'ipv6'],
    ],
  ],
  [
    'reserved',
    [
      ['192.0.0.0', 24, 'ipv4'],
      ['192.0.2.0', 24, 'ipv4'],
      ['192.88.99.0', 24, 'ipv4'],
      ['198.18.0.0', 15, 'ipv4'],
      ['198.51.100.0', 24, 'ipv4'],
      ['203.0.113.0', 24, 'ipv4'],
      ['240.0.0.0', 4, 'ipv4'],
      // IPv4-compatible (deprecated), discard-only, IETF protocol space incl. Teredo,
      // documentation, 6to4 (which embeds any IPv4 address), local-use NAT64.
      ['::', 96, 'ipv6'],
      ['100::', 64, 'ipv6'],
      ['2001::', 23, 'ipv6'],
      ['2001:db8::', 32, 'ipv6'],
      ['2002::', 16, 'ipv6'],
      ['64:ff9b:1::', 48, 'ipv6'],
    ],
  ],
];

const LISTS = RANGES.map(([kind, ranges]) => {
  const list = new BlockList();
  for (const [network, prefix, family] of ranges) list.addSubnet(network, prefix, family);
  return [kind, list] as const;
});

/** The well-known NAT64 prefix carries an IPv4 address in its last 32 bits: judge that one. */
const NAT64 = new BlockList();
NAT64.addSubnet('64:ff9b::', 96, 'ipv6');

/**
 * Why `address` (an IP literal, without brackets) is not public, or null when it is public.
 * A string that is not an IP address is 'reserved': nothing to connect to is safer than a guess.
 */
export function nonPublicKind(address: string): AddressKind | null {
  const family = isIP(address);
  if (family === 0) return 'reserved';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (type === 'ipv6' && NAT64.check(address, 'ipv6')) {
    const groups = expandIpv6(address);
    const v4 = [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
    return nonPublicKind(v4);
  }
  for (const [kind, list] of LISTS) if (list.check(address, type)) return kind;
  return null;
}

/** Eight 16-bit groups of an IPv6 address (with or without an embedded dotted IPv4 tail). */
function expandIpv6(address: string): number[] {
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16));
}

/** A destination refused because it is not public: the message says which address and why. */
export class NonPublicAddressError extends Error {
  override name = 'NonPublicAddressError';
  readonly code = 'ENONPUBLIC';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly kind: AddressKind,
  ) {
    super(
      host === address
        ? `${address} is a ${kind} address; webhooks go to public addresses only`
        : `${host} resolves to ${address}, a ${kind} address; webhooks go to public addresses only`,
    );
  }
}

/** The URL's host as an address or name: WHATWG URL already turned 127.1 or 0x7f000001 into dotted form. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Every address `host` resolves to, refusing the host when any one is not public (a name with
 * one public and one private address could be steered to the private one).
 */
export async function resolvePublic(host: string): Promise<LookupAddress[]> {
  if (isIP(host)) {
    const kind = nonPublicKind(host);
    if (kind) throw new NonPublicAddressError(host, host, kind);
    return [{ address: host, family: isIP(host) }];
  }
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, found) =>
      err ? reject(err) : resolve(found),
    ),
  );
  for (const { address } of addresses) {
    const kind = nonPublicKind(address);
    if (kind) throw new NonPublicAddressError(host, address, kind);
  }
  return addresses;
}

/**
 * A `lookup` for http(s) requests that only ever hands the socket public addresses. The check
 * happens on the very answer the socket connects to, so a name that resolved to a public
 * address when the endpoint was saved and to 127.0.0.1 now (DNS rebinding) is still refused.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  const all = (options as LookupAllOptions).all === true;
  resolvePublic(hostname).then(
    (addresses) => {
      const wanted = options.family
        ? addresses.filter((a) => a.family === options.family)
        : addresses;
      if (all) (callback as (e: null, a: LookupAddress[]) => void)(null, wanted);
      else if (wanted[0]) callback(null, wanted[0].address, wanted[0].family);
      else
        callback(
          Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }),
          '',
          0,
        );
    },
    (err: NodeJS.ErrnoException) => callback(err, '', 0),
  );
};
