import { XapiInvalid } from './validate-statement.js';

/** One part of a multipart/mixed body: lower-cased headers and the raw bytes. */
export interface MultipartPart {
  headers: Record<string, string>;
  body: Buffer;
}

/** The boundary of a multipart content type, or null when it is not multipart/mixed. */
export function multipartBoundary(contentType: string): string | null {
  if (!/^multipart\/mixed\s*(;|$)/i.test(contentType)) return null;
  const match = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  if (!match) throw new XapiInvalid('multipart/mixed needs a boundary');
  return match[1] ?? match[2]!;
}

/** Splits a multipart/mixed body (RFC 2046) into its parts; at most `maxParts`. */
export function parseMultipart(body: Buffer, boundary: string, maxParts = 200): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new XapiInvalid('The multipart body has no part');
  for (;;) {
    const after = at + delimiter.length;
    if (body.subarray(after, after + 2).toString() === '--') break;
    const headersStart = body.indexOf('\r\n', after);
    if (headersStart < 0) throw new XapiInvalid('A multipart part is cut short');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headersStart);
    if (next < 0) throw new XapiInvalid('The multipart body has no closing boundary');
    const part = body.subarray(headersStart + 2, next);
    const split = part.indexOf('\r\n\r\n');
    const head = split < 0 ? part.toString('latin1') : part.subarray(0, split).toString('latin1');
    const headers: Record<string, string> = {};
    for (const line of head.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0)
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: split < 0 ? Buffer.alloc(0) : part.subarray(split + 4) });
    if (parts.length > maxParts) throw new XapiInvalid(`At most ${maxParts} parts are accepted`);
    at = next + 2;
  }
  return parts;
}

/** Writes a multipart/mixed body. */
export function buildMultipart(boundary: string, parts: MultipartPart[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head = Object.entries(part.headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n');
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), part.body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--`));
  return Buffer.concat(chunks);
}
