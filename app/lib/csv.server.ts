// The one way the app writes CSV. Every cell that a spreadsheet would read as a formula (it
// starts with =, +, -, @, tab or CR, or their full-width forms) gets a leading apostrophe, as
// OWASP recommends (https://owasp.org/www-community/attacks/CSV_Injection): csv-stringify's
// `escape_formulas`, which leaves negative numbers alone.
import { stringify } from "csv-stringify/sync";

export function csvRows(rows: Record<string, unknown>[], options: { columns: readonly string[]; header: boolean; bom?: boolean }): string {
  return stringify(rows, { header: options.header, columns: [...options.columns], bom: options.bom ?? false, escape_formulas: true });
}
