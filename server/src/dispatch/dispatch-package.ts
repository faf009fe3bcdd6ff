import { readFile } from 'node:fs/promises';
import path from 'node:path';
import yazl from 'yazl';
import { BadUserInputError } from '../errors.js';

export type DispatchPackageFormat = 'scorm12' | 'scorm2004';

export interface DispatchPackageInput {
  format: DispatchPackageFormat;
  serverUrl: string;
  key: string;
  title: string;
  dispatchId: string;
  /** The launcher script, from `readDispatchLauncher`. */
  launcher: Buffer;
}

/** Where the web build writes the launcher (web/src/dispatch-launcher), under web/dist. */
const LAUNCHER_PATH = 'dispatch-launcher/courier-launcher.js';

const launchers = new Map<string, Promise<Buffer>>();

/**
 * The dispatch launcher as the web build compiled it, read once per web/dist. It is built with
 * the web (typed, linted, its operation checked by codegen) and copied into every zip, so a
 * package needs nothing from Courier but the player it opens.
 */
export function readDispatchLauncher(webDistDir: string): Promise<Buffer> {
  const file = path.join(webDistDir, LAUNCHER_PATH);
  let launcher = launchers.get(file);
  if (!launcher) {
    launcher = readFile(file).catch((err: NodeJS.ErrnoException) => {
      launchers.delete(file);
      throw new Error(
        `The dispatch launcher is not built (${file}: ${err.code ?? err.message}); run npm run build -w web`,
      );
    });
    launchers.set(file, launcher);
  }
  return launcher;
}

/** Reads `?format=`; SCORM 1.2 when absent, as most LMSs expect. */
export function parseDispatchPackageFormat(value: string | null): DispatchPackageFormat {
  if (value === null || value === '' || value === 'scorm12') return 'scorm12';
  if (value === 'scorm2004') return 'scorm2004';
  throw new BadUserInputError('format must be scorm12, scorm2004 or lti');
}

/** The small SCORM zip a recipient LMS hosts: a manifest and a launcher that proxies to Courier. */
export async function buildDispatchPackage(input: DispatchPackageInput): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(manifestXml(input)), 'imsmanifest.xml');
  zip.addBuffer(Buffer.from(launcherHtml(input)), 'index.html');
  zip.addBuffer(input.launcher, 'courier-launcher.js');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

/** What differs between the two manifests: namespaces, schema version and the SCO attribute. */
const MANIFEST_FLAVOUR: Record<
  DispatchPackageFormat,
  { namespaces: string; schemaVersion: string; scormType: string }
> = {
  scorm12: {
    namespaces: `xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"`,
    schemaVersion: '1.2',
    scormType: 'adlcp:scormtype',
  },
  scorm2004: {
    namespaces: `xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd"`,
    schemaVersion: '2004 4th Edition',
    scormType: 'adlcp:scormType',
  },
};

/** The package's manifest: one SCO, the launcher, in the format the recipient LMS takes. */
export function manifestXml({ format, title, dispatchId }: DispatchPackageInput): string {
  const flavour = MANIFEST_FLAVOUR[format];
  const t = escapeXml(title);
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="courier-dispatch-${dispatchId}" version="1.0"
  ${flavour.namespaces}>
  <metadata><schema>ADL SCORM</schema><schemaversion>${flavour.schemaVersion}</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>${t}</title>
      <item identifier="item" identifierref="launcher" isvisible="true"><title>${t}</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="launcher" type="webcontent" ${flavour.scormType}="sco" href="index.html">
      <file href="index.html"/><file href="courier-launcher.js"/>
    </resource>
  </resources>
</manifest>
`;
}

function launcherHtml({ format, serverUrl, key, title }: DispatchPackageInput): string {
  const config = JSON.stringify({ server: serverUrl, key, format }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>
  html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
  #courier-frame { border: 0; width: 100%; height: 100%; display: block; }
  #courier-message { max-width: 36rem; margin: 4rem auto; padding: 1.5rem; border: 1px solid #ccc; border-radius: 8px; font-size: 1.1rem; }
</style>
</head>
<body>
<p id="courier-message" role="status" hidden></p>
<iframe id="courier-frame" title="${escapeXml(title)}" allow="fullscreen; autoplay" hidden></iframe>
<script>window.COURIER_DISPATCH = ${config};</script>
<script src="courier-launcher.js"></script>
</body>
</html>
`;
}
