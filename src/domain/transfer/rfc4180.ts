// A strict RFC 4180 reader for cadence's own CSV export (comma, double quotes, CRLF or LF).
// csv-parse reads the CRM files, whose dialects vary; it handles about 40,000 rows a second
// here, and a million-touch round trip must import at 100,000 a second, so our own format
// gets this small reader. It yields each record with the line it starts on.
import { UsageError } from '../errors.js';

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
  /** Set on a last record that no line break ends: a file cut short ends so (as may a hand-made one). */
  unended?: true;
}

export function* readCsv(text: string): Generator<CsvRecord> {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let nextQuote = text.indexOf('"', i);
  while (i < n) {
    const start = line;
    // Fast path: a record without quotes is one line split on commas (natively).
    if (nextQuote >= 0 && nextQuote < i) nextQuote = text.indexOf('"', i);
    let eol = text.indexOf('\n', i);
    if (eol < 0) eol = n;
    if (nextQuote < 0 || nextQuote > eol) {
      const end = eol > i && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
      const fields = text.slice(i, end).split(',');
      i = eol + 1;
      line++;
      if (fields.length === 1 && fields[0] === '') continue;
      yield eol === n ? { fields, line: start, unended: true } : { fields, line: start };
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        let value = '';
        let from = ++i;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) throw new UsageError(`line ${start}: a quoted field is never closed; check the quotes.`);
          if (text.charCodeAt(q + 1) === 34) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) line++;
        fields.push(value);
      } else {
        let end = i;
        while (end < n) {
          const c = text.charCodeAt(end);
          // A lone CR is data (notes may hold one); CRLF and LF end the record.
          if (c === 44 || c === 10 || (c === 13 && text.charCodeAt(end + 1) === 10)) break;
          if (c === 34) throw new UsageError(`line ${line}: a quote inside an unquoted field; quote the field and double the quote.`);
          end++;
        }
        fields.push(text.slice(i, end));
        i = end;
      }
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
        continue;
      }
      if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
      else if (c === 10) i++;
      else if (i < n) throw new UsageError(`line ${line}: unexpected text after a quoted field; check the quotes.`);
      line++;
      break;
    }
    // A blank line is no record.
    if (fields.length === 1 && fields[0] === '') continue;
    yield i >= n && text.charCodeAt(n - 1) !== 10 ? { fields, line: start, unended: true } : { fields, line: start };
  }
}
