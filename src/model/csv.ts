/** Where a CSV syntax error is: the file and the 1-based line and character column. */
export interface CsvLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One CSV record: its fields and where each field starts (1-based line and character column). */
export interface CsvRecord {
  readonly fields: readonly string[];
  readonly lines: readonly number[];
  readonly columns: readonly number[];
}

const QUOTE = '"';
const COMMA = ',';

/**
 * Parse CSV text as RFC 4180 describes it: fields separated by commas, records by CRLF (LF alone and a
 * missing final line break are accepted too), fields that hold a comma, quote or line break enclosed in
 * double quotes, and a quote inside them doubled. A leading byte-order mark is skipped; empty lines are
 * skipped. Anything else (a quote inside an unquoted field, text after a closing quote, an unterminated
 * quoted field) is an error, with its line and column: the files come from outside and a lenient parser
 * would silently shift columns.
 * Shared by the modules that import data files (risk datasets, compliance reference lists); each reports
 * a syntax error with its own coded error through `fail`.
 * @param fail throws the caller's error for a syntax error at a location
 */
export function parseCsv(
  text: string,
  file: string,
  fail: (message: string, location: CsvLocation) => never,
): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  let line = 1;
  let lineStart = i;
  let fields: string[] = [];
  let lines: number[] = [];
  let columns: number[] = [];
  const syntax = (message: string, at: number, atLine = line, atLineStart = lineStart): never =>
    fail(message, { file, line: atLine, column: at - atLineStart + 1 });
  const endRecord = (): void => {
    // An empty line is one empty field: skip it rather than report a record of the wrong width.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, lines, columns });
    fields = [];
    lines = [];
    columns = [];
  };
  for (;;) {
    // At the start of a field.
    lines.push(line);
    columns.push(i - lineStart + 1);
    let value = '';
    if (text[i] === QUOTE) {
      const openLine = line;
      const openLineStart = lineStart;
      const open = i;
      i += 1;
      for (;;) {
        const q = text.indexOf(QUOTE, i);
        if (q < 0) syntax('unterminated quoted field', open, openLine, openLineStart);
        value += text.slice(i, q);
        for (let k = text.indexOf('\n', i); k >= 0 && k < q; k = text.indexOf('\n', k + 1)) {
          line += 1;
          lineStart = k + 1;
        }
        i = q + 1;
        if (text[i] === QUOTE) {
          value += QUOTE;
          i += 1;
        } else break;
      }
      const next = text[i];
      if (next !== undefined && next !== COMMA && next !== '\n' && next !== '\r') {
        syntax(`expected a comma or line break after the closing quote, got ${JSON.stringify(next)}`, i);
      }
    } else {
      let j = i;
      while (j < text.length && text[j] !== COMMA && text[j] !== '\n' && text[j] !== '\r') {
        if (text[j] === QUOTE) {
          syntax('a quote inside an unquoted field (quote the field and double the quote)', j);
        }
        j += 1;
      }
      value = text.slice(i, j);
      i = j;
    }
    fields.push(value);
    if (i >= text.length) {
      endRecord();
      return records;
    }
    if (text[i] === COMMA) {
      i += 1;
      continue;
    }
    // A line break: CRLF or LF; a lone CR ends the record too (old Mac files).
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line += 1;
    lineStart = i;
    endRecord();
    if (i >= text.length) return records;
  }
}
