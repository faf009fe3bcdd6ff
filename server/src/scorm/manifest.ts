import path from 'node:path';
import { SaxesParser } from 'saxes';
import { InvalidPackageError } from '../errors.js';
import type { ScormVersion } from './cmi-time.js';

export type { ScormVersion };

/** A launchable item of the course, with the facts the runtime needs. */
export interface ManifestItem {
  identifier: string;
  title: string;
  scormType: 'sco' | 'asset';
  visible: boolean;
  /** Relative to the package root, normalized and percent-decoded; or an absolute http(s) URL. */
  launchPath: string;
  /** '' or starting with '?' (the href's own query joined with the item's parameters), fragment last. */
  launchQuery: string;
  resourceIdentifier: string;
  masteryScore: number | null;
  completionThreshold: number | null;
  completedByMeasure: boolean;
  progressWeight: number | null;
  scaledPassingScore: number | null;
  objectiveIds: string[];
  dataFromLms: string | null;
  timeLimitAction: string | null;
  maxTimeAllowed: string | null;
}

export interface ParsedManifest {
  version: ScormVersion;
  schemaVersion: string | null;
  identifier: string;
  title: string;
  organizationIdentifier: string;
  /** Launchable items in document order, SCOs and assets. */
  items: ManifestItem[];
  scoCount: number;
  /** Every file the manifest lists (resource hrefs and <file> hrefs), normalized. */
  files: string[];
}

interface XmlNode {
  /** Local name, lower-cased: prefixes and case vary between authoring tools. */
  name: string;
  attrs: Map<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parses XML strictly into a small tree, refusing DTD entity declarations (expansion bombs). */
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const root: XmlNode = { name: '#document', attrs: new Map(), children: [], text: '' };
  const stack: XmlNode[] = [root];
  let failure: InvalidPackageError | null = null;
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) {
      failure ??= new InvalidPackageError(
        'imsmanifest.xml declares XML entities; manifests must not (entity expansion is refused)',
      );
    }
  });
  parser.on('opentag', (tag) => {
    const attrs = new Map<string, string>();
    for (const [name, value] of Object.entries(tag.attributes)) {
      const text = String(value);
      attrs.set(name.toLowerCase() === 'xml:base' ? 'xml:base' : localName(name), text);
    }
    const node: XmlNode = { name: localName(tag.name), attrs, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (text) => (stack.at(-1)!.text += text));
  parser.on('cdata', (text) => (stack.at(-1)!.text += text));
  parser.on('closetag', () => void stack.pop());
  parser.on('error', (err) => {
    failure ??= new InvalidPackageError(`imsmanifest.xml is not well-formed XML: ${err.message}`);
  });
  try {
    parser.write(xml).close();
  } catch (err) {
    failure ??= new InvalidPackageError(
      `imsmanifest.xml is not well-formed XML: ${(err as Error).message}`,
    );
  }
  if (failure) throw failure;
  return root;
}

function localName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1).toLowerCase();
}

const child = (node: XmlNode | undefined, name: string) =>
  node?.children.find((c) => c.name === name);
const children = (node: XmlNode | undefined, name: string) =>
  node?.children.filter((c) => c.name === name) ?? [];
const text = (node: XmlNode | undefined) => {
  const value = node?.text.trim();
  return value ? value : null;
};

function numberOrNull(value: string | null | undefined): number | null {
  if (value == null || value.trim() === '') return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : null;
}

/** Decodes a manifest's bytes: UTF-8 (BOM or not), or UTF-16 with a BOM. */
function decode(bytes: Buffer | string): string {
  if (typeof bytes === 'string') return bytes.replace(/^\uFEFF/, '');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** Joins the xml:base chain and an href; refuses anything that leaves the package. */
export function resolveHref(
  bases: Array<string | undefined>,
  href: string,
  where: string,
): { path: string; query: string; external: boolean } {
  const hrefPath = href.split(/[?#]/)[0]!;
  const rest = href.slice(hrefPath.length);
  const joined = [...bases.filter((b): b is string => !!b && b.trim() !== ''), hrefPath]
    .map((part) => part.trim())
    .reduce(
      (acc, part) =>
        /^[a-z][a-z0-9+.-]*:\/\//i.test(part) || part.startsWith('/')
          ? part
          : acc && !acc.endsWith('/')
            ? `${acc}/${part}`
            : `${acc}${part}`,
      '',
    );
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(joined)) return { path: joined, query: rest, external: true };
  let decoded: string;
  try {
    decoded = decodeURI(joined.replace(/\\/g, '/'));
  } catch {
    decoded = joined.replace(/\\/g, '/');
  }
  const normalized = path.posix.normalize(decoded.replace(/^\/+/, ''));
  if (normalized.startsWith('..') || normalized === '.' || normalized === '') {
    throw new InvalidPackageError(`${where} points outside the package: ${href}`);
  }
  return { path: normalized, query: rest, external: false };
}

/** Joins an href's own query/fragment with an item's `parameters` as IMS Content Packaging says. */
export function applyParameters(hrefRest: string, parameters: string | null): string {
  const [queryPart = '', fragment] = hrefRest.split('#', 2) as [string, string | undefined];
  const trimmed = parameters?.trim() ?? '';
  if (!trimmed) return hrefRest;
  if (trimmed.startsWith('#')) return fragment !== undefined ? hrefRest : `${queryPart}${trimmed}`;
  const params = trimmed.replace(/^[?&]+/, '');
  if (!params) return hrefRest;
  const query = queryPart && queryPart !== '?' ? `${queryPart}&${params}` : `?${params}`;
  return fragment !== undefined ? `${query}#${fragment}` : query;
}

function detectVersion(manifest: XmlNode, schemaVersion: string | null): ScormVersion {
  if (schemaVersion) {
    if (/^1\.2$/.test(schemaVersion.trim())) return 'SCORM_12';
    if (/2004|cam\s*1\.3|^1\.3$/i.test(schemaVersion)) return 'SCORM_2004';
  }
  const declared = [...manifest.attrs.values()].join(' ');
  if (/adlcp_v1p3|imsss|adlseq/i.test(declared)) return 'SCORM_2004';
  return 'SCORM_12';
}

/**
 * Reads imsmanifest.xml as SCORM CAM says: version, the default organization (or the first),
 * nested and hidden items, each launchable item's resource, launch URL (xml:base chain, href,
 * parameters), SCORM type and runtime facts. Refuses what cannot be run, saying why.
 */
export function parseManifest(xml: Buffer | string): ParsedManifest {
  const document = parseXml(decode(xml));
  const manifest = child(document, 'manifest');
  if (!manifest) throw new InvalidPackageError('imsmanifest.xml has no <manifest> root element');
  const schemaVersion = text(child(child(manifest, 'metadata'), 'schemaversion'));
  const version = detectVersion(manifest, schemaVersion);

  const resourcesNode = child(manifest, 'resources');
  const resources = new Map<string, XmlNode>();
  for (const resource of children(resourcesNode, 'resource')) {
    const id = resource.attrs.get('identifier');
    if (id) resources.set(id, resource);
  }
  const bases = (resource: XmlNode) => [
    manifest.attrs.get('xml:base'),
    resourcesNode?.attrs.get('xml:base'),
    resource.attrs.get('xml:base'),
  ];

  const files = new Set<string>();
  for (const resource of resources.values()) {
    const href = resource.attrs.get('href');
    const where = `resource ${resource.attrs.get('identifier')}`;
    if (href) {
      const resolved = resolveHref(bases(resource), href, where);
      if (!resolved.external) files.add(resolved.path);
    }
    for (const file of children(resource, 'file')) {
      const fileHref = file.attrs.get('href');
      if (!fileHref) continue;
      const resolved = resolveHref(bases(resource), fileHref, where);
      if (!resolved.external) files.add(resolved.path);
    }
  }

  const organizationsNode = child(manifest, 'organizations');
  const organizations = children(organizationsNode, 'organization');
  if (organizations.length === 0)
    throw new InvalidPackageError(
      'imsmanifest.xml has no <organization>: there is nothing to launch',
    );
  const defaultId = organizationsNode?.attrs.get('default');
  const organization =
    organizations.find((o) => o.attrs.get('identifier') === defaultId) ?? organizations[0]!;

  const items: ManifestItem[] = [];
  const walk = (node: XmlNode, parentVisible: boolean) => {
    for (const item of children(node, 'item')) {
      const visible = parentVisible && item.attrs.get('isvisible')?.toLowerCase() !== 'false';
      const ref = item.attrs.get('identifierref');
      if (ref) items.push(readItem(item, ref, visible));
      walk(item, visible);
    }
  };
  const readItem = (item: XmlNode, ref: string, visible: boolean): ManifestItem => {
    const identifier = item.attrs.get('identifier') ?? ref;
    const resource = resources.get(ref);
    if (!resource)
      throw new InvalidPackageError(
        `Item ${identifier} refers to resource ${ref}, which the manifest does not define`,
      );
    const href = resource.attrs.get('href');
    if (!href)
      throw new InvalidPackageError(
        `Item ${identifier} refers to resource ${ref}, which has no href to launch`,
      );
    const resolved = resolveHref(bases(resource), href, `item ${identifier}`);
    const type = (resource.attrs.get('scormtype') ?? 'asset').trim().toLowerCase();
    const sequencing = child(item, 'sequencing');
    const objectivesNode = child(sequencing, 'objectives');
    const primary = child(objectivesNode, 'primaryobjective');
    const objectiveIds = [primary, ...children(objectivesNode, 'objective')]
      .map((o) => o?.attrs.get('objectiveid'))
      .filter((id): id is string => !!id);
    const threshold = child(item, 'completionthreshold');
    const completedByMeasure = threshold?.attrs.get('completedbymeasure')?.toLowerCase() === 'true';
    const thresholdText = numberOrNull(text(threshold));
    const completionThreshold =
      thresholdText ??
      (completedByMeasure ? (numberOrNull(threshold?.attrs.get('minprogressmeasure')) ?? 1) : null);
    const satisfiedByMeasure = primary?.attrs.get('satisfiedbymeasure')?.toLowerCase() === 'true';
    return {
      identifier,
      title: text(child(item, 'title')) ?? identifier,
      scormType: type === 'sco' ? 'sco' : 'asset',
      visible,
      launchPath: resolved.path,
      launchQuery: applyParameters(resolved.query, item.attrs.get('parameters') ?? null),
      resourceIdentifier: ref,
      masteryScore: numberOrNull(text(child(item, 'masteryscore'))),
      completionThreshold,
      completedByMeasure,
      progressWeight: numberOrNull(threshold?.attrs.get('progressweight')),
      scaledPassingScore: satisfiedByMeasure
        ? (numberOrNull(text(child(primary, 'minnormalizedmeasure'))) ?? 1)
        : null,
      objectiveIds,
      dataFromLms: text(child(item, 'datafromlms')),
      timeLimitAction: text(child(item, 'timelimitaction')),
      maxTimeAllowed:
        text(child(item, 'maxtimeallowed')) ??
        child(sequencing, 'limitconditions')?.attrs.get('attemptabsolutedurationlimit') ??
        null,
    };
  };
  walk(organization, true);
  if (items.length === 0) {
    throw new InvalidPackageError(
      `Organization ${organization.attrs.get('identifier') ?? ''} has no item that launches a resource`.replace(
        '  ',
        ' ',
      ),
    );
  }
  const scoCount = items.filter((i) => i.scormType === 'sco').length;
  if (scoCount === 0) {
    throw new InvalidPackageError(
      'The package has no SCO: no resource is marked adlcp:scormType="sco", so nothing would report progress',
    );
  }
  return {
    version,
    schemaVersion,
    identifier: manifest.attrs.get('identifier') ?? 'manifest',
    title:
      text(child(organization, 'title')) ??
      items[0]!.title ??
      manifest.attrs.get('identifier') ??
      'Untitled course',
    organizationIdentifier: organization.attrs.get('identifier') ?? '',
    items,
    scoCount,
    files: [...files],
  };
}
