import path from 'node:path';
import { SaxesParser } from 'saxes';
import type { ScormVersion } from './cmi-time.js';
import { ManifestProblem } from './manifest-problem.js';
import type { SequencingDefinition } from './sequencing/definition.js';
import { readSequencingDefinition } from './sequencing/read-sequencing.js';

export type { ScormVersion };

/** A launchable item of the course, with the facts the runtime needs. */
export interface ManifestItem {
  identifier: string;
  title: string;
  scormType: 'sco' | 'asset';
  /** False when the item or one of its parents says `isvisible="false"`. */
  visible: boolean;
  /**
   * SCORM 2004 control modes of its parent cluster: false when it says `choice="false"` (the
   * learner may not pick the item from the menu), true when it says `forwardOnly="true"` (no
   * going back from it). Absent in courses imported before these were read: choice, not
   * forward-only.
   */
  choice?: boolean;
  forwardOnly?: boolean;
  /** Relative to the package root, normalized and percent-decoded; or an absolute http(s) URL. */
  launchPath: string;
  /** '' or starting with '?' (the href's own query joined with the item's parameters), fragment last. */
  launchQuery: string;
  resourceIdentifier: string;
  /** SCORM 1.2 `adlcp:masteryscore`, 0 to 100; null when absent or out of range. */
  masteryScore: number | null;
  /**
   * SCORM 2004 threshold for `cmi.progress_measure`, 0 to 1; non-null exactly when it decides
   * completion (3rd edition element text, or 4th edition `completedByMeasure="true"`).
   */
  completionThreshold: number | null;
  /** The 4th edition `completedByMeasure` attribute as written. */
  completedByMeasure: boolean;
  /** The 4th edition `progressWeight`; null when the manifest does not say. */
  progressWeight: number | null;
  /** The primary objective's `minNormalizedMeasure` when it is `satisfiedByMeasure`, -1 to 1. */
  scaledPassingScore: number | null;
  /** Primary objective first, then the others; the runtime pre-fills `cmi.objectives` with them. */
  objectiveIds: string[];
  /** `adlcp:dataFromLMS`, handed to the SCO as `cmi.launch_data`. */
  dataFromLms: string | null;
  timeLimitAction: string | null;
  /** 1.2 `HHHH:MM:SS` or 2004 ISO 8601 duration, as the manifest writes it. */
  maxTimeAllowed: string | null;
  /** 2004 4th edition `adlcp:data/adlcp:map`: the shared data stores the SCO sees as `adl.data.n`. */
  sharedData?: SharedDataMap[];
}

/** One `adlcp:map`: a store shared by the SCOs that name its target, readable and writable as it says. */
export interface SharedDataMap {
  targetId: string;
  /** `readSharedData`, true by default. */
  read: boolean;
  /** `writeSharedData`, false by default. */
  write: boolean;
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
  /**
   * Items whose resource declares no `adlcp:scormType` (against the spec, but eXe Learning's
   * 2004 exports do): taken as assets here; the importer looks at their pages to tell.
   */
  untypedItems: string[];
  /**
   * SCORM 2004: the default organization's activity tree with every activity's sequencing
   * definition (the CAM's defaults where the manifest says nothing); null for SCORM 1.2.
   */
  sequencing: SequencingDefinition | null;
}

/** The control modes that reach an item from the clusters above it. */
interface Control {
  choice: boolean;
  forwardOnly: boolean;
}

/** An element of the manifest, as the parser keeps it. */
export interface XmlNode {
  /** Local name, lower-cased: prefixes and case vary between authoring tools. */
  name: string;
  /** Attributes by lower-cased local name; `xml:base` keeps its prefix so it cannot collide. */
  attrs: Map<string, string>;
  children: XmlNode[];
  text: string;
}

interface XmlDocument {
  root: XmlNode;
  /** Every namespace URI declared anywhere, for telling the SCORM version when nothing says. */
  namespaces: string[];
}

/**
 * Parses XML strictly into a small tree. Namespace processing is off on purpose: manifests in the
 * wild use undeclared or upper-case prefixes (`ADLCP:SCORMTYPE`) that a namespace-checking parser
 * refuses, while matching on local names reads them correctly. saxes never expands DTD entities;
 * a DOCTYPE that declares any is refused outright, as entity bombs are built that way.
 */
function parseXml(xml: string): XmlDocument {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const root: XmlNode = { name: '#document', attrs: new Map(), children: [], text: '' };
  const namespaces: string[] = [];
  const stack: XmlNode[] = [root];
  let failure: ManifestProblem | null = null;
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) {
      failure ??= new ManifestProblem(
        'imsmanifest.xml declares XML entities (<!ENTITY>) in its DOCTYPE; manifests must not, as entity expansion is refused',
      );
    }
  });
  parser.on('opentag', (tag) => {
    const attrs = new Map<string, string>();
    for (const [name, value] of Object.entries(tag.attributes)) {
      const lower = name.toLowerCase();
      if (lower === 'xmlns' || lower.startsWith('xmlns:')) namespaces.push(String(value));
      attrs.set(lower === 'xml:base' ? 'xml:base' : localName(name), String(value));
    }
    const node: XmlNode = { name: localName(tag.name), attrs, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (text) => (stack.at(-1)!.text += text));
  parser.on('cdata', (text) => (stack.at(-1)!.text += text));
  parser.on('closetag', () => void stack.pop());
  parser.on('error', (err) => {
    failure ??= notWellFormed(err.message);
  });
  try {
    parser.write(xml).close();
  } catch (err) {
    failure ??= notWellFormed((err as Error).message);
  }
  if (failure) throw failure;
  return { root, namespaces };
}

/** saxes says "3:7: unexpected close tag."; a person wants the line first. */
function notWellFormed(message: string): ManifestProblem {
  const positioned = /^(\d+):(\d+): (.*?)\.?$/s.exec(message);
  const detail = positioned
    ? `line ${positioned[1]}, column ${positioned[2]}: ${positioned[3]}`
    : message;
  return new ManifestProblem(`imsmanifest.xml is not well-formed XML at ${detail}`);
}

function localName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1).toLowerCase();
}

const child = (node: XmlNode | undefined, name: string) =>
  node?.children.find((c) => c.name === name);
const children = (node: XmlNode | undefined, name: string) =>
  node?.children.filter((c) => c.name === name) ?? [];
const textOf = (node: XmlNode | undefined) => {
  const value = node?.text.trim();
  return value ? value : null;
};

/** xs:boolean: "true" and "1" are true. */
const isTrue = (value: string | undefined) => /^\s*(true|1)\s*$/i.test(value ?? '');
const isFalse = (value: string | undefined) => /^\s*(false|0)\s*$/i.test(value ?? '');

/** A number in [min, max], or null: an out-of-range manifest value must not reach the runtime. */
function numberWithin(value: string | null | undefined, min: number, max: number): number | null {
  if (value == null || value.trim() === '') return null;
  const n = Number(value.trim());
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

/** Decodes a manifest's bytes: a BOM wins, then the XML declaration's encoding, then UTF-8. */
function decodeManifest(bytes: Buffer | string): string {
  if (typeof bytes === 'string') return bytes.replace(/^\uFEFF/, '');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const declared = /^<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/.exec(
    bytes.subarray(0, 256).toString('latin1'),
  )?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An encoding name Node does not know: UTF-8 is what such files almost always are.
    }
  }
  return bytes.toString('utf8');
}

const HTTP_URL = /^https?:\/\//i;
const ANY_SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Joins the xml:base chain and an href into a path inside the package (percent-decoded once,
 * normalized, no leading `/`) or an absolute http(s) URL; refuses anything that leaves the
 * package or uses another scheme. `query` is the href's own `?…#…` tail, untouched.
 */
export function resolveHref(
  bases: Array<string | undefined>,
  href: string,
  where: string,
): { path: string; query: string; external: boolean } {
  const trimmedHref = href.trim();
  const hrefPath = trimmedHref.split(/[?#]/)[0]!;
  const query = trimmedHref.slice(hrefPath.length);
  let joined = '';
  for (const raw of [...bases, hrefPath]) {
    const part = raw?.trim().replace(/\\/g, '/');
    if (!part) continue;
    if (HTTP_URL.test(part) || part.startsWith('/')) joined = part;
    else joined = joined && !joined.endsWith('/') ? `${joined}/${part}` : `${joined}${part}`;
  }
  if (HTTP_URL.test(joined)) return { path: joined, query, external: true };
  const scheme = ANY_SCHEME.exec(joined)?.[1];
  if (scheme) {
    throw new ManifestProblem(
      scheme.length === 1
        ? `${where} has an absolute Windows path (${href}); use a path relative to the package`
        : `${where} has a ${scheme}: address (${href}); only files in the package or http(s) addresses can be launched`,
    );
  }
  const decoded = joined
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        // A stray '%' is a literal character in the file name, not an escape.
        return segment;
      }
    })
    .join('/');
  const normalized = path.posix.normalize(decoded.replace(/^\/+/, ''));
  if (normalized === '..' || normalized.startsWith('../')) {
    throw new ManifestProblem(`${where} points outside the package: ${href}`);
  }
  if (normalized === '.' || normalized === './') {
    throw new ManifestProblem(`${where} has an href that names no file: "${href}"`);
  }
  return { path: normalized, query, external: false };
}

/**
 * Joins an href's own query/fragment with an item's `parameters` as IMS Content Packaging says:
 * leading `?`/`&` are dropped; a `#fragment` is used only when the href has none; otherwise the
 * parameters join the query with `&` (or start it with `?`). The fragment always stays last.
 */
export function applyParameters(hrefRest: string, parameters: string | null): string {
  const params = (parameters ?? '').trim().replace(/^[?&]+/, '');
  if (!params) return hrefRest;
  const [query, fragment] = splitFragment(hrefRest);
  const [paramQuery, paramFragment] = splitFragment(params);
  const joinedQuery = !paramQuery
    ? query
    : query === '' || query === '?'
      ? `?${paramQuery}`
      : /[?&]$/.test(query)
        ? `${query}${paramQuery}`
        : `${query}&${paramQuery}`;
  return `${joinedQuery}${fragment || paramFragment}`;
}

function splitFragment(value: string): [string, string] {
  const hash = value.indexOf('#');
  return hash === -1 ? [value, ''] : [value.slice(0, hash), value.slice(hash)];
}

function detectVersion(schemaVersion: string | null, namespaces: string[]): ScormVersion {
  const declared = schemaVersion?.trim().toLowerCase();
  if (declared === '1.2') return 'SCORM_12';
  if (declared && /2004|cam\s*1\.3|^1\.3$/.test(declared)) return 'SCORM_2004';
  if (namespaces.some((ns) => /adlcp_v1p3|imsss|adlseq|adlnav/i.test(ns))) return 'SCORM_2004';
  return 'SCORM_12';
}

interface ResourceEntry {
  node: XmlNode;
  bases: Array<string | undefined>;
}

/** Reads one item's sequencing element by name: its own, or the shared one its `IDRef` names. */
type SequencingPart = (item: XmlNode, name: string) => XmlNode | undefined;

/**
 * Reads imsmanifest.xml as SCORM CAM says: version, the default organization (or the first),
 * nested and hidden items, each launchable item's resource, launch URL (xml:base chain, href,
 * parameters), SCORM type and runtime facts. Refuses what cannot be run with a ManifestProblem
 * saying why.
 */
export function parseManifest(xml: Buffer | string): ParsedManifest {
  const { root, namespaces } = parseXml(decodeManifest(xml));
  const manifest = child(root, 'manifest');
  if (!manifest) throw new ManifestProblem('imsmanifest.xml has no <manifest> root element');
  const schemaVersion = textOf(child(child(manifest, 'metadata'), 'schemaversion'));
  const version = detectVersion(schemaVersion, namespaces);
  const identifier = manifest.attrs.get('identifier')?.trim() || 'manifest';

  const { resources, files } = readResources(manifest);
  const sharedSequencing = readSharedSequencing(manifest);
  const sequencingPart: SequencingPart = (item, name) => {
    const own = child(item, 'sequencing');
    return (
      child(own, name) ?? child(sharedSequencing.get(own?.attrs.get('idref')?.trim() ?? ''), name)
    );
  };
  const organization = chooseOrganization(manifest);
  const organizationIdentifier = organization.attrs.get('identifier')?.trim() ?? '';
  const { items, firstItemTitle } = walkItems(organization, sequencingPart, (node, ref, visible) =>
    readItem(node, ref, visible, resources, sequencingPart),
  );
  checkItems(items, organizationIdentifier);

  // A package of assets only is valid content packaging (Rustici's "one file per SCO" golf
  // examples are plain pages marked asset): each counts complete once the learner opens it.
  const scoCount = items.filter((i) => i.scormType === 'sco').length;
  const untypedItems = items
    .filter((i) => !resources.get(i.resourceIdentifier)?.node.attrs.get('scormtype')?.trim())
    .map((i) => i.identifier);
  return {
    version,
    schemaVersion,
    identifier,
    title: textOf(child(organization, 'title')) ?? firstItemTitle ?? identifier,
    organizationIdentifier,
    items,
    scoCount,
    files: [...files],
    untypedItems,
    sequencing:
      version === 'SCORM_2004'
        ? readSequencingDefinition(
            organization,
            sharedSequencing,
            (node) =>
              node.attrs.get('identifier')?.trim() ||
              node.attrs.get('identifierref')?.trim() ||
              'item',
          )
        : null,
  };
}

/**
 * The `<resources>` part: each resource by identifier (the first wins) with its xml:base chain,
 * and every file the package declares (resource and `<file>` hrefs inside the package).
 */
function readResources(manifest: XmlNode): {
  resources: Map<string, ResourceEntry>;
  files: Set<string>;
} {
  const resources = new Map<string, ResourceEntry>();
  const files = new Set<string>();
  for (const resourcesNode of children(manifest, 'resources')) {
    for (const node of children(resourcesNode, 'resource')) {
      // xs:ID collapses whitespace, so identifier="  SEQ01 " is SEQ01 (and so is a reference to it).
      const id = node.attrs.get('identifier')?.trim();
      const bases = [
        manifest.attrs.get('xml:base'),
        resourcesNode.attrs.get('xml:base'),
        node.attrs.get('xml:base'),
      ];
      if (id && !resources.has(id)) resources.set(id, { node, bases });
      const where = `Resource ${id ?? '(without identifier)'}`;
      for (const href of [
        node.attrs.get('href'),
        ...children(node, 'file').map((f) => f.attrs.get('href')),
      ]) {
        if (!href?.trim()) continue;
        const resolved = resolveHref(bases, href, where);
        if (!resolved.external) files.add(resolved.path);
      }
    }
  }
  return { resources, files };
}

/** 2004 items may point at shared sequencing (`<imsss:sequencing IDRef="…">`) instead of their own. */
function readSharedSequencing(manifest: XmlNode): Map<string, XmlNode> {
  const shared = new Map<string, XmlNode>();
  for (const node of children(child(manifest, 'sequencingcollection'), 'sequencing')) {
    const id = node.attrs.get('id')?.trim();
    if (id) shared.set(id, node);
  }
  return shared;
}

/** The `<organizations>` part: the default organization, or the first when the default names none. */
function chooseOrganization(manifest: XmlNode): XmlNode {
  const organizationsNode = child(manifest, 'organizations');
  const organizations = children(organizationsNode, 'organization');
  if (organizations.length === 0) {
    throw new ManifestProblem('imsmanifest.xml has no <organization>: there is nothing to launch');
  }
  const defaultId = organizationsNode?.attrs.get('default')?.trim();
  return (
    organizations.find((o) => o.attrs.get('identifier')?.trim() === defaultId) ?? organizations[0]!
  );
}

/**
 * The organization's items in document order, each launchable one read by `read` with the
 * control modes of its parent cluster. An iterative pre-order walk, so no recursion a deeply
 * nested manifest could overflow.
 */
function walkItems(
  organization: XmlNode,
  sequencingPart: SequencingPart,
  read: (node: XmlNode, ref: string, visible: boolean) => ManifestItem,
): { items: ManifestItem[]; firstItemTitle: string | null } {
  const items: ManifestItem[] = [];
  let firstItemTitle: string | null = null;
  // A cluster's controlMode governs its own children only (the organization is the root
  // cluster), as the SN book evaluates choice on the target's parent and forwardOnly on the
  // current activity's: choice defaults to true, forwardOnly to false, nothing is inherited.
  const controlOf = (cluster: XmlNode): Control => {
    const mode = sequencingPart(cluster, 'controlmode');
    return {
      choice: !isFalse(mode?.attrs.get('choice')),
      forwardOnly: isTrue(mode?.attrs.get('forwardonly')),
    };
  };
  const rootControl = controlOf(organization);
  const pending = children(organization, 'item')
    .reverse()
    .map((node) => ({ node, parentVisible: true, control: rootControl }));
  while (pending.length > 0) {
    const { node, parentVisible, control } = pending.pop()!;
    const visible = parentVisible && !isFalse(node.attrs.get('isvisible'));
    firstItemTitle ??= textOf(child(node, 'title'));
    const ref = node.attrs.get('identifierref')?.trim();
    if (ref) items.push({ ...read(node, ref, visible), ...control });
    const inner = controlOf(node);
    for (const sub of children(node, 'item').reverse())
      pending.push({ node: sub, parentVisible: visible, control: inner });
  }
  return { items, firstItemTitle };
}

/** Something to launch, and item identifiers unique: the runtime keys a SCO's data by them. */
function checkItems(items: ManifestItem[], organizationIdentifier: string): void {
  if (items.length === 0) {
    throw new ManifestProblem(
      `Organization ${organizationIdentifier || '(without identifier)'} has no item that launches a resource (an <item identifierref="…">)`,
    );
  }
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.identifier)) {
      throw new ManifestProblem(
        `Two items share the identifier ${item.identifier}; item identifiers must be unique`,
      );
    }
    seen.add(item.identifier);
  }
}

/** One launchable `<item>`: its launch (resource, URL, SCORM type) and the runtime facts it declares. */
function readItem(
  item: XmlNode,
  ref: string,
  visible: boolean,
  resources: Map<string, ResourceEntry>,
  sequencingPart: SequencingPart,
): ManifestItem {
  const itemId = item.attrs.get('identifier')?.trim() || ref;
  const resource = resources.get(ref);
  if (!resource) {
    throw new ManifestProblem(
      `Item ${itemId} refers to resource ${ref}, which the manifest does not define`,
      { item: itemId, resource: ref },
    );
  }
  const href = resource.node.attrs.get('href');
  if (!href?.trim()) {
    throw new ManifestProblem(
      `Item ${itemId} refers to resource ${ref}, which has no href to launch`,
      { item: itemId, resource: ref },
    );
  }
  const resolved = resolveHref(resource.bases, href, `Item ${itemId}`);
  const scormType = resource.node.attrs.get('scormtype')?.trim().toLowerCase();
  const threshold = readCompletionThreshold(item);
  return {
    identifier: itemId,
    title: textOf(child(item, 'title')) ?? itemId,
    scormType: scormType === 'sco' ? 'sco' : 'asset',
    visible,
    launchPath: resolved.path,
    launchQuery: applyParameters(resolved.query, item.attrs.get('parameters') ?? null),
    resourceIdentifier: ref,
    masteryScore: numberWithin(textOf(child(item, 'masteryscore')), 0, 100),
    ...threshold,
    ...readObjectives(item, sequencingPart),
    dataFromLms: textOf(child(item, 'datafromlms')),
    sharedData: children(child(item, 'data'), 'map')
      .map((map) => ({
        targetId: map.attrs.get('targetid')?.trim() ?? '',
        read: !isFalse(map.attrs.get('readshareddata')),
        write: isTrue(map.attrs.get('writeshareddata')),
      }))
      .filter((map) => map.targetId !== ''),
    timeLimitAction: textOf(child(item, 'timelimitaction')),
    maxTimeAllowed:
      textOf(child(item, 'maxtimeallowed')) ??
      (sequencingPart(item, 'limitconditions')?.attrs.get('attemptabsolutedurationlimit')?.trim() ||
        null),
  };
}

/** The item's objectives (primary first) and the passing score its primary objective sets. */
function readObjectives(
  item: XmlNode,
  sequencingPart: SequencingPart,
): Pick<ManifestItem, 'objectiveIds' | 'scaledPassingScore'> {
  const objectives = sequencingPart(item, 'objectives');
  const primary = child(objectives, 'primaryobjective');
  const objectiveIds = [
    ...new Set(
      [primary, ...children(objectives, 'objective')]
        .map((o) => o?.attrs.get('objectiveid')?.trim())
        .filter((id): id is string => !!id),
    ),
  ];
  const minNormalizedMeasure = child(primary, 'minnormalizedmeasure');
  const scaledPassingScore = !isTrue(primary?.attrs.get('satisfiedbymeasure'))
    ? null
    : minNormalizedMeasure
      ? numberWithin(textOf(minNormalizedMeasure), -1, 1)
      : 1;
  return { scaledPassingScore, objectiveIds };
}

/** `adlcp:completionThreshold`: the 3rd edition's element text, or the 4th's attributes. */
function readCompletionThreshold(
  item: XmlNode,
): Pick<ManifestItem, 'completionThreshold' | 'completedByMeasure' | 'progressWeight'> {
  const threshold = child(item, 'completionthreshold');
  const completedByMeasure = isTrue(threshold?.attrs.get('completedbymeasure'));
  const minProgressMeasure = threshold?.attrs.get('minprogressmeasure');
  const completionThreshold = textOf(threshold)
    ? numberWithin(textOf(threshold), 0, 1)
    : completedByMeasure
      ? minProgressMeasure === undefined
        ? 1
        : numberWithin(minProgressMeasure, 0, 1)
      : null;
  return {
    completionThreshold,
    completedByMeasure,
    progressWeight: numberWithin(threshold?.attrs.get('progressweight'), 0, Infinity),
  };
}
