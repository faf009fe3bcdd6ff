/** One CSV field: quoted when it holds a separator, quote or line break; formulas neutralised. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  // A leading =, +, - or @ makes spreadsheets run the cell as a formula (CSV injection).
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated as RFC 4180 says. */
export function csvLine(values: unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}
