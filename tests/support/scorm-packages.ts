/**
 * SCORM zips for tests, built in memory (unit, integration and browser tests all use them).
 *
 * Good packages hold real SCOs (`testScoHtml`, re-exported here; its page is documented in
 * test-sco.ts). In short, a browser test drives it by id:
 *   buttons   #set-location (value of #location-input, default "page-2"), #complete, #incomplete,
 *             #pass (score 90), #fail (score 40), #suspend (exit=suspend, suspend data
 *             "state-<location>"), #commit, #finish (session time, then LMSFinish/Terminate),
 *             #finish-on-unload (finishes from pagehide, as much authored content does)
 *   displays  #api ("found"/"missing"), #entry, #location, #suspend-data, #learner, #log (every call)
 * The SCO finds `API` (1.2) or `API_1484_11` (2004) by walking up parent frames, then the opener's.
 *
 * Good:  scorm12SinglePackage, scorm12MultiScoPackage (nested items, one hidden),
 *        scorm2004Edition3Package (sequencing, objectives, element threshold),
 *        scorm2004Edition4Package (threshold attributes), xmlBasePackage, upperCasePackage.
 * Bad:   `badPackages`, one builder per refusal with the phrase its message contains.
 * Helpers: buildZip (any entries, forged names, symlinks and streamed content included),
 *        writeTempZip (to a file, for code that takes a path).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { testScoHtml } from './test-sco.js';

export { testScoHtml };

/**
 * A file (or, when the name ends in `/`, a folder) to put in a test zip. `mode` lets a test forge a symlink entry; `stream` supplies big
 * content without holding it in memory. Names yazl refuses (`../x`, `/etc/x`, `C:/x`, `a\\b`) go in
 * under a same-length placeholder, patched into the bytes afterwards.
 */
export interface ZipEntry {
  name: string;
  content?: Buffer | string;
  stream?: () => Readable;
  mode?: number;
  compress?: boolean;
}

/** Builds a zip in memory from entries, exactly as given (bad names included). */
export async function buildZip(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const forged: Array<[string, string]> = [];
  for (const [i, entry] of entries.entries()) {
    let name = entry.name;
    if (/\\|^\/|^[a-zA-Z]:|(^|\/)\.\.(\/|$)/.test(name)) {
      const placeholder = `${i}~`.padEnd(name.length, '~').slice(0, name.length);
      forged.push([placeholder, name]);
      name = placeholder;
    }
    const options = { mode: entry.mode, compress: entry.compress ?? true };
    if (name.endsWith('/')) zip.addEmptyDirectory(name, { mode: entry.mode });
    else if (entry.stream) zip.addReadStream(entry.stream(), name, options);
    else zip.addBuffer(Buffer.from(entry.content ?? ''), name, options);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  let bytes = Buffer.concat(chunks);
  for (const [placeholder, name] of forged) {
    bytes = Buffer.from(bytes.toString('latin1').split(placeholder).join(name), 'latin1');
  }
  return bytes;
}

/**
 * Clears the UTF-8 name flag (general purpose bit 11) of every entry, local and central, as
 * macOS Archive Utility and Info-ZIP on Linux write zips: UTF-8 names with no flag saying so.
 */
export function withoutUtf8Flags(zip: Buffer): Buffer {
  const bytes = Buffer.from(zip);
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    bytes.writeUInt16LE(bytes.readUInt16LE(at + 8) & ~0x800, at + 8);
    const local = bytes.readUInt32LE(at + 42);
    bytes.writeUInt16LE(bytes.readUInt16LE(local + 6) & ~0x800, local + 6);
    at +=
      46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return bytes;
}

/** Writes a zip to a fresh temporary folder and returns the file's path (remove its folder after). */
export async function writeTempZip(zip: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'courier-zip-'));
  const file = path.join(dir, 'package.zip');
  await writeFile(file, zip);
  return file;
}

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

const optional = (value: string | number | undefined, element: (v: string) => string) =>
  value === undefined ? '' : element(escape(String(value)));

export interface Scorm12Options {
  title?: string;
  /** `adlcp:masteryscore` on every item, 0 to 100. */
  masteryScore?: number;
  scoCount?: number;
  /** Index of a SCO to hide (isvisible="false"). */
  hidden?: number;
  dataFromLms?: string;
  /** `HHHH:MM:SS`. */
  maxTimeAllowed?: string;
  timeLimitAction?: string;
}

/** SCORM 1.2 manifest with `scoCount` SCOs under one nested aggregation (one flat SCO by default). */
export function scorm12Manifest({
  title = 'SCORM 1.2 course',
  masteryScore,
  scoCount = 1,
  hidden,
  dataFromLms,
  maxTimeAllowed,
  timeLimitAction,
}: Scorm12Options = {}): string {
  const items = Array.from(
    { length: scoCount },
    (_, i) => `
        <item identifier="item_${i + 1}" identifierref="res_${i + 1}"${hidden === i ? ' isvisible="false"' : ''}>
          <title>Lesson ${i + 1}</title>${optional(masteryScore, (v) => `<adlcp:masteryscore>${v}</adlcp:masteryscore>`)}${optional(dataFromLms, (v) => `<adlcp:datafromlms>${v}</adlcp:datafromlms>`)}${optional(maxTimeAllowed, (v) => `<adlcp:maxtimeallowed>${v}</adlcp:maxtimeallowed>`)}${optional(timeLimitAction, (v) => `<adlcp:timelimitaction>${v}</adlcp:timelimitaction>`)}
        </item>`,
  ).join('');
  const resources = Array.from(
    { length: scoCount },
    (_, i) => `
    <resource identifier="res_${i + 1}" type="webcontent" adlcp:scormtype="sco" href="lesson${i + 1}/index.html">
      <file href="lesson${i + 1}/index.html"/>
    </resource>`,
  ).join('');
  const body =
    scoCount === 1
      ? items
      : `
      <item identifier="module_1">
        <title>Module 1</title>${items}
      </item>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.courier.test.scorm12" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org_1">
    <organization identifier="org_1">
      <title>${escape(title)}</title>${body}
    </organization>
  </organizations>
  <resources>${resources}
  </resources>
</manifest>`;
}

/** A SCORM 1.2 package of real test SCOs (one SCO by default). */
export async function scorm12Package(options: Scorm12Options = {}): Promise<Buffer> {
  const count = options.scoCount ?? 1;
  return buildZip([
    { name: 'imsmanifest.xml', content: scorm12Manifest(options) },
    ...Array.from({ length: count }, (_, i) => ({
      name: `lesson${i + 1}/index.html`,
      content: testScoHtml('SCORM_12', `Lesson ${i + 1}`),
    })),
  ]);
}

/** A single-SCO SCORM 1.2 package. */
export function scorm12SinglePackage(
  options: Omit<Scorm12Options, 'scoCount'> = {},
): Promise<Buffer> {
  return scorm12Package({ ...options, scoCount: 1 });
}

/**
 * A SCORM 1.2 package whose items are all assets (plain pages that never call the API) under a
 * topic, as Rustici's "one file per SCO" content packaging examples are.
 */
export function scorm12AssetPackage(pageCount = 2): Promise<Buffer> {
  const pages = Array.from({ length: pageCount }, (_, i) => i + 1);
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.courier.test.assets" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org_1">
    <organization identifier="org_1">
      <title>Pages only</title>
      <item identifier="topic"><title>Topic</title>${pages.map((i) => `<item identifier="page_${i}" identifierref="res_${i}"><title>Page ${i}</title></item>`).join('')}</item>
    </organization>
  </organizations>
  <resources>${pages.map((i) => `<resource identifier="res_${i}" type="webcontent" adlcp:scormtype="asset" href="Topic/Page${i}.html"><file href="Topic/Page${i}.html"/></resource>`).join('')}
  </resources>
</manifest>`;
  return buildZip([
    { name: 'imsmanifest.xml', content: manifest },
    ...pages.map((i) => ({
      name: `Topic/Page${i}.html`,
      content: `<!doctype html><title>Page ${i}</title><h1>Page ${i}</h1>`,
    })),
  ]);
}

/** A SCORM 1.2 package of three SCOs nested under a module, the second one hidden. */
export function scorm12MultiScoPackage(options: Scorm12Options = {}): Promise<Buffer> {
  return scorm12Package({ scoCount: 3, hidden: 1, ...options });
}

export interface Scorm2004Options {
  title?: string;
  edition?: 3 | 4;
  scoCount?: number;
  /** 3rd edition: the element's text; 4th: `minProgressMeasure` with `completedByMeasure="true"`. */
  completionThreshold?: number;
  /** 4th edition `progressWeight` (written only with a completion threshold). */
  progressWeight?: number;
  /** The primary objective's `minNormalizedMeasure`, with `satisfiedByMeasure="true"`. */
  passingScore?: number;
  /** `imsss:limitConditions@attemptAbsoluteDurationLimit`, an ISO 8601 duration. */
  maxTimeAllowed?: string;
  timeLimitAction?: string;
  /** Nests the items under a cluster with isvisible="false", as golf's remediation example does. */
  hiddenWrapper?: boolean;
  /** The organization's `imsss:controlMode` attributes, e.g. `choice="false" flow="true"`. */
  controlMode?: string;
  /** 4th edition: every item maps this shared data store (`adlcp:data`), readable and writable. */
  sharedDataTarget?: string;
}

/** SCORM 2004 manifest with sequencing objectives; 3rd edition uses the element threshold, 4th the attributes. */
export function scorm2004Manifest({
  title = 'SCORM 2004 course',
  edition = 4,
  scoCount = 1,
  completionThreshold,
  progressWeight = 1,
  passingScore,
  maxTimeAllowed,
  timeLimitAction,
  hiddenWrapper = false,
  sharedDataTarget,
  controlMode,
}: Scorm2004Options = {}): string {
  const threshold =
    completionThreshold === undefined
      ? ''
      : edition === 3
        ? `<adlcp:completionThreshold>${completionThreshold}</adlcp:completionThreshold>`
        : `<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="${completionThreshold}" progressWeight="${progressWeight}"/>`;
  const items = Array.from(
    { length: scoCount },
    (_, i) => `
      <item identifier="item_${i + 1}" identifierref="res_${i + 1}">
        <title>Topic ${i + 1}</title>
        ${threshold}
        <adlcp:dataFromLMS>topic=${i + 1}</adlcp:dataFromLMS>${optional(sharedDataTarget, (v) => `<adlcp:data><adlcp:map targetID="${v}" readSharedData="true" writeSharedData="true"/></adlcp:data>`)}${optional(timeLimitAction, (v) => `<adlcp:timeLimitAction>${v}</adlcp:timeLimitAction>`)}
        <imsss:sequencing>${optional(maxTimeAllowed, (v) => `<imsss:limitConditions attemptAbsoluteDurationLimit="${v}"/>`)}
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="topic_${i + 1}_mastered" satisfiedByMeasure="${passingScore !== undefined}">
              ${optional(passingScore, (v) => `<imsss:minNormalizedMeasure>${v}</imsss:minNormalizedMeasure>`)}
            </imsss:primaryObjective>
            <imsss:objective objectiveID="topic_${i + 1}_practice"/>
          </imsss:objectives>
        </imsss:sequencing>
      </item>`,
  ).join('');
  const resources = Array.from(
    { length: scoCount },
    (_, i) => `
    <resource identifier="res_${i + 1}" type="webcontent" adlcp:scormType="sco" href="topic${i + 1}.html">
      <file href="topic${i + 1}.html"/>
    </resource>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.courier.test.scorm2004" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 ${edition === 3 ? '3rd' : '4th'} Edition</schemaversion></metadata>
  <organizations default="org_1">
    <organization identifier="org_1">
      <title>${escape(title)}</title>${hiddenWrapper ? `<item identifier="content_wrapper" isvisible="false"><title>Content</title>${items}</item>` : items}${optional(controlMode, () => `<imsss:sequencing><imsss:controlMode ${controlMode}/></imsss:sequencing>`)}
    </organization>
  </organizations>
  <resources>${resources}
  </resources>
</manifest>`;
}

/** A SCORM 2004 package of real test SCOs (4th edition, no threshold or passing score by default). */
export async function scorm2004Package(options: Scorm2004Options = {}): Promise<Buffer> {
  const count = options.scoCount ?? 1;
  return buildZip([
    { name: 'imsmanifest.xml', content: scorm2004Manifest(options) },
    ...Array.from({ length: count }, (_, i) => ({
      name: `topic${i + 1}.html`,
      content: testScoHtml('SCORM_2004', `Topic ${i + 1}`),
    })),
  ]);
}

/** 2004 3rd edition: completion threshold 0.8 as element text, passing score 0.7, two objectives. */
export function scorm2004Edition3Package(options: Scorm2004Options = {}): Promise<Buffer> {
  return scorm2004Package({ completionThreshold: 0.8, passingScore: 0.7, ...options, edition: 3 });
}

/** 2004 4th edition: completionThreshold attributes (completedByMeasure, minProgressMeasure 0.8). */
export function scorm2004Edition4Package(options: Scorm2004Options = {}): Promise<Buffer> {
  return scorm2004Package({ completionThreshold: 0.8, ...options, edition: 4 });
}

/**
 * A 1.2 manifest whose launch URLs need the whole xml:base chain and item parameters:
 * item_query launches `course/content/module 1/start.html?mode=review&lang=en`,
 * item_fragment launches `course/content/end.html#summary`.
 */
export function xmlBaseManifest(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.courier.test.xmlbase" xml:base="course/"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org_1">
    <organization identifier="org_1">
      <title>Based course</title>
      <item identifier="item_query" identifierref="res_start" parameters="?lang=en"><title>Start</title></item>
      <item identifier="item_fragment" identifierref="res_end" parameters="#summary"><title>End</title></item>
    </organization>
  </organizations>
  <resources xml:base="content/">
    <resource identifier="res_start" type="webcontent" adlcp:scormtype="sco" xml:base="module%201/" href="start.html?mode=review">
      <file href="start.html"/>
    </resource>
    <resource identifier="res_end" type="webcontent" adlcp:scormtype="asset" href="end.html">
      <file href="end.html"/>
    </resource>
  </resources>
</manifest>`;
}

/** The package for `xmlBaseManifest`, its files where the joined paths say. */
export function xmlBasePackage(): Promise<Buffer> {
  return buildZip([
    { name: 'imsmanifest.xml', content: xmlBaseManifest() },
    {
      name: 'course/content/module 1/start.html',
      content: testScoHtml('SCORM_12', 'Start'),
    },
    { name: 'course/content/end.html', content: '<!doctype html><p id="summary">The end</p>' },
  ]);
}

/** A 1.2 manifest written in upper case throughout, as some old authoring tools do. */
export function upperCaseManifest(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<MANIFEST IDENTIFIER="COM.COURIER.TEST.UPPER" XMLNS:ADLCP="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <METADATA><SCHEMA>ADL SCORM</SCHEMA><SCHEMAVERSION>1.2</SCHEMAVERSION></METADATA>
  <ORGANIZATIONS DEFAULT="ORG_1">
    <ORGANIZATION IDENTIFIER="ORG_1">
      <TITLE>Shouted course</TITLE>
      <ITEM IDENTIFIER="ITEM_1" IDENTIFIERREF="RES_1" ISVISIBLE="TRUE">
        <TITLE>Lesson</TITLE>
        <ADLCP:MASTERYSCORE>80</ADLCP:MASTERYSCORE>
      </ITEM>
    </ORGANIZATION>
  </ORGANIZATIONS>
  <RESOURCES>
    <RESOURCE IDENTIFIER="RES_1" TYPE="webcontent" ADLCP:SCORMTYPE="SCO" HREF="INDEX.HTML">
      <FILE HREF="INDEX.HTML"/>
    </RESOURCE>
  </RESOURCES>
</MANIFEST>`;
}

/** The package for `upperCaseManifest`. */
export function upperCasePackage(): Promise<Buffer> {
  return buildZip([
    { name: 'imsmanifest.xml', content: upperCaseManifest() },
    { name: 'INDEX.HTML', content: testScoHtml('SCORM_12', 'Shouted lesson') },
  ]);
}

/** `bytes` zeros, produced a megabyte at a time so building a bomb never holds it in memory. */
function zeros(bytes: number): Readable {
  const chunk = Buffer.alloc(1024 * 1024);
  let left = bytes;
  return new Readable({
    read() {
      const size = Math.min(left, chunk.length);
      left -= size;
      this.push(size > 0 ? chunk.subarray(0, size) : null);
    },
  });
}

const manifestAndSco = (): ZipEntry[] => [
  { name: 'imsmanifest.xml', content: scorm12Manifest() },
  { name: 'lesson1/index.html', content: testScoHtml('SCORM_12', 'Lesson 1') },
];

/** A manifest around one item whose resource is given, for the manifest-level refusals. */
const manifestWith = (organizations: string, resources: string) => `<?xml version="1.0"?>
<manifest identifier="com.courier.test.bad" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org_1">${organizations}</organizations>
  <resources>${resources}</resources>
</manifest>`;

/** A valid package whose last central directory record is damaged, so earlier files get written first. */
async function corruptZip(): Promise<Buffer> {
  const zip = Buffer.from(await scorm12Package({ scoCount: 2 }));
  const last = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  zip[last + 3] = 0x09;
  return zip;
}

/** A package holding `count` files besides its manifest and SCO: just past the default limit. */
export function tooManyEntriesPackage(count = 10_001): Promise<Buffer> {
  return buildZip([
    ...manifestAndSco(),
    ...Array.from({ length: count }, (_, i) => ({
      name: `filler/${i}.txt`,
      content: '',
      compress: false,
    })),
  ]);
}

/** A package with one highly compressible entry (50 MiB of zeros by default, ~1000:1). */
export function zipBombPackage(bytes = 50 * 1024 * 1024): Promise<Buffer> {
  return buildZip([...manifestAndSco(), { name: 'media/bomb.bin', stream: () => zeros(bytes) }]);
}

export interface BadPackage {
  name: string;
  build: () => Promise<Buffer>;
  /** What the INVALID_PACKAGE message says, so every test checks the same promise. */
  refusal: RegExp;
}

/** Every package Courier must refuse, with the phrase a person would read. */
export const badPackages: BadPackage[] = [
  {
    name: 'a PDF, not a zip',
    build: async () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
    refusal: /not a readable zip/,
  },
  { name: 'a corrupt zip', build: corruptZip, refusal: /zip is corrupt/ },
  { name: 'an empty zip', build: () => buildZip([]), refusal: /zip is empty/ },
  {
    name: 'a manifest in a folder',
    build: () => buildZip(manifestAndSco().map((e) => ({ ...e, name: `course/${e.name}` }))),
    refusal: /must be at the root of the zip; found at course\/imsmanifest\.xml/,
  },
  {
    name: 'no manifest at all',
    build: () => buildZip([{ name: 'index.html', content: '<p>hello</p>' }]),
    refusal: /no imsmanifest\.xml/,
  },
  {
    name: 'malformed XML',
    build: () =>
      buildZip([
        {
          name: 'imsmanifest.xml',
          content:
            '<?xml version="1.0"?>\n<manifest>\n  <organizations></organization>\n</manifest>',
        },
      ]),
    refusal: /not well-formed XML at line 3/,
  },
  {
    name: 'an entity bomb',
    build: () =>
      buildZip([
        {
          name: 'imsmanifest.xml',
          content: `<?xml version="1.0"?>
<!DOCTYPE manifest [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<manifest identifier="bomb"><metadata><schemaversion>&d;</schemaversion></metadata></manifest>`,
        },
      ]),
    refusal: /declares XML entities/,
  },
  {
    name: 'no organization',
    build: () =>
      buildZip([
        ...manifestAndSco().slice(1),
        {
          name: 'imsmanifest.xml',
          content: manifestWith(
            '',
            '<resource identifier="res_1" adlcp:scormtype="sco" href="lesson1/index.html"/>',
          ),
        },
      ]),
    refusal: /no <organization>/,
  },
  {
    name: 'an organization without launchable items',
    build: () =>
      buildZip([
        ...manifestAndSco().slice(1),
        {
          name: 'imsmanifest.xml',
          content: manifestWith(
            '<organization identifier="org_1"><title>Empty</title><item identifier="folder"><title>Folder</title></item></organization>',
            '<resource identifier="res_1" adlcp:scormtype="sco" href="lesson1/index.html"/>',
          ),
        },
      ]),
    refusal: /Organization org_1 has no item that launches/,
  },
  {
    name: 'an item whose resource is missing',
    build: () =>
      buildZip([
        ...manifestAndSco().slice(1),
        {
          name: 'imsmanifest.xml',
          content: manifestWith(
            '<organization identifier="org_1"><title>T</title><item identifier="item_1" identifierref="res_gone"><title>Page</title></item></organization>',
            '',
          ),
        },
      ]),
    refusal: /Item item_1 refers to resource res_gone, which the manifest does not define/,
  },
  {
    name: 'a missing launch file',
    build: () => buildZip([{ name: 'imsmanifest.xml', content: scorm12Manifest() }]),
    refusal: /Item item_1 launches lesson1\/index\.html, which is not in the zip/,
  },
  {
    name: 'a zip-slip entry',
    build: () => buildZip([...manifestAndSco(), { name: '../evil.txt', content: 'pwned' }]),
    refusal: /climbs out of the package \(\.\.\/evil\.txt\)/,
  },
  {
    name: 'an absolute path',
    build: () => buildZip([...manifestAndSco(), { name: '/tmp/evil.txt', content: 'pwned' }]),
    refusal: /absolute path \(\/tmp\/evil\.txt\)/,
  },
  {
    name: 'a symlink entry',
    build: () =>
      buildZip([...manifestAndSco(), { name: 'passwd', content: '/etc/passwd', mode: 0o120777 }]),
    refusal: /symbolic link \(passwd\)/,
  },
  {
    name: 'a zip bomb',
    build: () => zipBombPackage(),
    refusal: /media\/bomb\.bin inflates more than 200:1/,
  },
  {
    name: 'too many entries',
    build: () => tooManyEntriesPackage(),
    refusal: /10003 entries; a package may have at most 10000/,
  },
];

/**
 * A SCORM 2004 3rd edition manifest shaped like Rustici's golf "Forced Sequential Order": three
 * content SCOs and a quiz under a flow-only organization; the content shares its sequencing
 * through a `sequencingCollection` (objective measure weight 0, so only the quiz scores; each
 * content item is disabled until the one before is satisfied, through a global objective); no
 * rollup rules anywhere, so the SN defaults judge the course. One identifier is padded with
 * whitespace, as xs:ID allows.
 */
export function forcedSequentialManifest(): string {
  const content = ['playing', 'etiquette', 'handicapping'];
  const prefix = 'com.courier.test.forcedsequential';
  const gate = (previous: string | undefined) =>
    previous
      ? `<imsss:sequencingRules><imsss:preConditionRule>
            <imsss:ruleConditions conditionCombination="any">
              <imsss:ruleCondition referencedObjective="previous_sco_satisfied" operator="not" condition="satisfied"/>
              <imsss:ruleCondition referencedObjective="previous_sco_satisfied" operator="not" condition="objectiveStatusKnown"/>
            </imsss:ruleConditions>
            <imsss:ruleAction action="disabled"/>
          </imsss:preConditionRule></imsss:sequencingRules>`
      : '';
  const objectives = (own: string, previous: string | undefined) => `<imsss:objectives>
            <imsss:primaryObjective objectiveID="${own}_satisfied">
              <imsss:mapInfo targetObjectiveID="${prefix}.${own}_satisfied" readSatisfiedStatus="true" writeSatisfiedStatus="true"/>
            </imsss:primaryObjective>${
              previous
                ? `
            <imsss:objective objectiveID="previous_sco_satisfied">
              <imsss:mapInfo targetObjectiveID="${prefix}.${previous}_satisfied" readSatisfiedStatus="true" writeSatisfiedStatus="false"/>
            </imsss:objective>`
                : ''
            }
          </imsss:objectives>`;
  const items = content
    .map(
      (name, i) => `
      <item identifier="${i === 0 ? `  ${name}_item ` : `${name}_item`}" identifierref="${name}_resource">
        <title>${name}</title>
        <imsss:sequencing IDRef="content_seq_rules">${gate(content[i - 1])}${objectives(name, content[i - 1])}</imsss:sequencing>
      </item>`,
    )
    .join('');
  const resources = [...content, 'assessment']
    .map(
      (name) => `
    <resource identifier="${name}_resource" type="webcontent" adlcp:scormType="sco" href="${name}.html">
      <file href="${name}.html"/>
    </resource>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${prefix}" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 3rd Edition</schemaversion></metadata>
  <organizations default="golf_org">
    <organization identifier="golf_org" adlseq:objectivesGlobalToSystem="false">
      <title>Golf Explained - Forced Sequential Order</title>${items}
      <item identifier="assessment_item" identifierref="assessment_resource">
        <title>Quiz</title>
        <imsss:sequencing>${gate('handicapping')}${objectives('assessment', 'handicapping')}</imsss:sequencing>
        <adlnav:presentation><adlnav:navigationInterface><adlnav:hideLMSUI>continue</adlnav:hideLMSUI></adlnav:navigationInterface></adlnav:presentation>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="false" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>${resources}
  </resources>
  <imsss:sequencingCollection>
    <imsss:sequencing ID=" content_seq_rules ">
      <imsss:rollupRules objectiveMeasureWeight="0"/>
    </imsss:sequencing>
  </imsss:sequencingCollection>
</manifest>`;
}

/**
 * The forced-sequential course as a package. Its pages are plain (tests commit through the
 * API), or with `playable` the test SCO (test-sco.ts), for playing it in the browser.
 */
export function forcedSequentialPackage({ playable = false } = {}): Promise<Buffer> {
  return buildZip([
    { name: 'imsmanifest.xml', content: forcedSequentialManifest() },
    ...['playing', 'etiquette', 'handicapping', 'assessment'].map((name) => ({
      name: `${name}.html`,
      content: playable
        ? testScoHtml('SCORM_2004', name)
        : `<!doctype html><title>${name}</title><p>${name}</p>`,
    })),
  ]);
}

/**
 * A one-SCO SCORM 2004 course whose item's primary objective maps to the global objective
 * `target`, writing its status and measure (`write`) or reading them; the organization says
 * `adlseq:objectivesGlobalToSystem` only when `globalToSystem` is given.
 */
export function globalObjectivePackage({
  title,
  target,
  write,
  globalToSystem,
}: {
  title: string;
  target: string;
  write: boolean;
  globalToSystem?: boolean;
}): Promise<Buffer> {
  const flags = write
    ? 'readSatisfiedStatus="false" writeSatisfiedStatus="true" writeNormalizedMeasure="true"'
    : 'readSatisfiedStatus="true" readNormalizedMeasure="true" writeSatisfiedStatus="false"';
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.courier.test.global.${write ? 'writer' : 'reader'}" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org_1">
    <organization identifier="org_1"${globalToSystem === undefined ? '' : ` adlseq:objectivesGlobalToSystem="${globalToSystem}"`}>
      <title>${escape(title)}</title>
      <item identifier="lesson" identifierref="res_1">
        <title>Lesson</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="lesson_mastered">
              <imsss:mapInfo targetObjectiveID="${target}" ${flags}/>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res_1" type="webcontent" adlcp:scormType="sco" href="lesson.html">
      <file href="lesson.html"/>
    </resource>
  </resources>
</manifest>`;
  return buildZip([
    { name: 'imsmanifest.xml', content: manifest },
    { name: 'lesson.html', content: testScoHtml('SCORM_2004', title) },
  ]);
}

/**
 * A SCORM 2004 course of three playable SCOs under a root that allows choice and flow: an
 * introduction that may be attempted once (`limitConditions attemptLimit="1"`), a lesson and a
 * test. For suspending and resuming across sessions.
 */
export function attemptLimitPackage(): Promise<Buffer> {
  const items = ['intro', 'lesson', 'test'];
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.courier.test.attemptlimit" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 3rd Edition</schemaversion></metadata>
  <organizations default="org_1">
    <organization identifier="org_1">
      <title>Attempt limit</title>${items
        .map(
          (name) => `
      <item identifier="${name}_item" identifierref="${name}_res">
        <title>${name}</title>${
          name === 'intro'
            ? `
        <imsss:sequencing><imsss:limitConditions attemptLimit="1"/></imsss:sequencing>`
            : ''
        }
      </item>`,
        )
        .join('')}
      <imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>
    </organization>
  </organizations>
  <resources>${items
    .map(
      (name) => `
    <resource identifier="${name}_res" type="webcontent" adlcp:scormType="sco" href="${name}.html">
      <file href="${name}.html"/>
    </resource>`,
    )
    .join('')}
  </resources>
</manifest>`;
  return buildZip([
    { name: 'imsmanifest.xml', content: manifest },
    ...items.map((name) => ({ name: `${name}.html`, content: testScoHtml('SCORM_2004', name) })),
  ]);
}
