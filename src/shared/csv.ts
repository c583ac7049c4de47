/** CSV for spreadsheets (analytics reports, lead exports). */
export type CsvCell = string | number | null;

/**
 * One field per RFC 4180: quoted when it holds a quote, comma, CR or LF, quotes doubled. Text that
 * a spreadsheet would run as a formula (=, +, -, @ first: article titles come from editors) gets a
 * leading apostrophe, as OWASP's CSV-injection advice says; numbers are never touched.
 */
export function csvField(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines end in CRLF, the last one too, as RFC 4180 §2 describes. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
