import { type CsvRecord, parseCsv as parseCsvText } from '../../model/index.js';
import { ReferenceDataError } from './errors.js';

export type { CsvRecord };

/**
 * Parse a reference list as strict RFC 4180 CSV (model's parser).
 * @throws ReferenceDataError COMPLIANCE_REF_CSV_SYNTAX, with the file, line and column
 */
export function parseCsv(text: string, file: string): CsvRecord[] {
  return parseCsvText(text, file, (message, location) => {
    throw new ReferenceDataError('COMPLIANCE_REF_CSV_SYNTAX', message, location);
  });
}
