/**
 * A cell a spreadsheet would run as a formula (CSV injection): =, +, - or @ first, also after
 * leading white space and in their full-width forms, or a leading tab or carriage return.
 */
const FORMULA_START = /^(?:\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r])/;

/**
 * One CSV field: formulas neutralised with a leading apostrophe, and quoted when it holds a
 * quote, a line break or any character a spreadsheet may split cells at (comma, or semicolon
 * and tab in locales that use them), so `x;=1+3` stays one cell of text everywhere.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated as RFC 4180 says. */
export function csvLine(values: unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}
