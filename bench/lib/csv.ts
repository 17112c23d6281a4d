/**
 * A small RFC 4180 parser: fields separated by commas, records by CRLF or LF, fields may be quoted
 * with '"', a quoted field may hold commas, line breaks and doubled quotes (""). Enough for the
 * CFPB export; no dialect sniffing.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte order mark

  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };

  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      endField();
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      endRecord();
      i += 2;
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      i++;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** Rows as objects keyed by the header row; a row whose field count differs from the header's is an error. */
export function parseCsvObjects(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new Error('CSV is empty');
  const rows = records.map((record, index) => {
    if (record.length !== header.length) {
      throw new Error(`CSV record ${index + 2} has ${record.length} fields, the header has ${header.length}`);
    }
    return Object.fromEntries(header.map((name, i) => [name, record[i]]));
  });
  return { header, rows };
}
