import { type CsvRecord, parseCsv as parseCsvText } from '../model/index.js';
import { RiskError } from './errors.js';

export type { CsvRecord };

/**
 * Parse a dataset file as strict RFC 4180 CSV (model's parser).
 * @throws RiskError RISK_CSV_SYNTAX, with the file, line and column
 */
export function parseCsv(text: string, file: string): CsvRecord[] {
  return parseCsvText(text, file, (message, location) => {
    throw new RiskError('RISK_CSV_SYNTAX', message, location);
  });
}
