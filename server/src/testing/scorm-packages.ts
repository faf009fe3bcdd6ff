import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import { testScoHtml } from './test-sco.js';

/**
 * A file to put in a test zip; `mode` lets a test forge a symlink entry. Names yazl refuses
 * (`../x`, `/etc/x`) are written under a same-length placeholder and patched in the bytes.
 */
export interface ZipEntry {
  name: string;
  content: Buffer | string;
  mode?: number;
  compress?: boolean;
}

/** Builds a zip in memory from entries, exactly as given (bad names included). */
export async function buildZip(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const forged: Array<[string, string]> = [];
  for (const [i, entry] of entries.entries()) {
    const content = typeof entry.content === 'string' ? Buffer.from(entry.content) : entry.content;
    let name = entry.name;
    if (name.startsWith('/') || name.split('/').includes('..')) {
      const placeholder =
        `${String(i).padStart(2, '0')}${'z'.repeat(Math.max(0, name.length - 2))}`.slice(
          0,
          name.length,
        );
      forged.push([placeholder, name]);
      name = placeholder;
    }
    zip.addBuffer(content, name, { mode: entry.mode, compress: entry.compress ?? true });
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

/** Writes a zip to a fresh temporary file and returns its path. */
export async function writeTempZip(zip: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'courier-zip-'));
  const file = path.join(dir, 'package.zip');
  await writeFile(file, zip);
  return file;
}

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

export interface Scorm12Options {
  title?: string;
  masteryScore?: number;
  scoCount?: number;
  /** Index of a SCO to hide (isvisible="false"). */
  hidden?: number;
}

/** SCORM 1.2 manifest with `scoCount` SCOs under one nested aggregation (one flat SCO by default). */
export function scorm12Manifest({
  title = 'SCORM 1.2 course',
  masteryScore,
  scoCount = 1,
  hidden,
}: Scorm12Options = {}): string {
  const items = Array.from(
    { length: scoCount },
    (_, i) => `
        <item identifier="item_${i + 1}" identifierref="res_${i + 1}"${hidden === i ? ' isvisible="false"' : ''}>
          <title>Lesson ${i + 1}</title>${
            masteryScore !== undefined
              ? `
          <adlcp:masteryscore>${masteryScore}</adlcp:masteryscore>`
              : ''
          }
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

export interface Scorm2004Options {
  title?: string;
  edition?: 3 | 4;
  scoCount?: number;
  completionThreshold?: number;
  passingScore?: number;
}

/** SCORM 2004 manifest with sequencing objectives; 3rd edition uses the element threshold, 4th the attributes. */
export function scorm2004Manifest({
  title = 'SCORM 2004 course',
  edition = 4,
  scoCount = 1,
  completionThreshold,
  passingScore,
}: Scorm2004Options = {}): string {
  const threshold =
    completionThreshold === undefined
      ? ''
      : edition === 3
        ? `<adlcp:completionThreshold>${completionThreshold}</adlcp:completionThreshold>`
        : `<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="${completionThreshold}" progressWeight="1"/>`;
  const items = Array.from(
    { length: scoCount },
    (_, i) => `
      <item identifier="item_${i + 1}" identifierref="res_${i + 1}">
        <title>Topic ${i + 1}</title>
        ${threshold}
        <adlcp:dataFromLMS>topic=${i + 1}</adlcp:dataFromLMS>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="topic_${i + 1}_mastered" satisfiedByMeasure="${passingScore !== undefined}">
              ${passingScore !== undefined ? `<imsss:minNormalizedMeasure>${passingScore}</imsss:minNormalizedMeasure>` : ''}
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
      <title>${escape(title)}</title>${items}
    </organization>
  </organizations>
  <resources>${resources}
  </resources>
</manifest>`;
}

/** A SCORM 2004 package of real test SCOs. */
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
