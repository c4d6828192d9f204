import { tensor, type DType, type Tensor } from '@dl/tensor';
import { describeSource, readBytes } from '../platform/read-bytes.js';

export interface CsvOptions {
  /** The first row names the columns; default true. */
  header?: boolean;
  delimiter?: string;
  /** Used in error messages. */
  name?: string;
}

/** Parsed CSV: column names (or "0", "1", ...) and rows of strings. */
export interface CsvTable {
  columns: string[];
  rows: string[][];
}

/**
 * Parses CSV text (RFC 4180: quoted fields may hold delimiters, newlines and doubled quotes "").
 * Every row must have as many fields as the first; a ragged row is an error naming the line.
 * @example
 * parseCsv('x,y\n1,2\n3,4'); // { columns: ['x', 'y'], rows: [['1', '2'], ['3', '4']] }
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const delimiter = options.delimiter ?? ',';
  const name = options.name ?? 'CSV';
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, line: recordLine });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const character = text[i]!;
    if (quoted) {
      if (character === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (character === '"') quoted = false;
      else {
        if (character === '\n') line++;
        field += character;
      }
    } else if (character === '"' && field === '') quoted = true;
    else if (character === delimiter) fields.push(field), (field = '');
    else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += character;
  }
  if (quoted) throw new Error(`${name}: unterminated quoted field starting on line ${recordLine}`);
  if (field !== '' || fields.length > 0) endRecord();
  if (records.length === 0) return { columns: [], rows: [] };
  const width = records[0]!.fields.length;
  for (const record of records)
    if (record.fields.length !== width)
      throw new Error(`${name}: line ${record.line} has ${record.fields.length} fields, expected ${width} like line ${records[0]!.line} (ragged rows)`);
  const header = options.header ?? true;
  const columns = header ? records[0]!.fields.map((column) => column.trim()) : Array.from({ length: width }, (_, i) => String(i));
  return { columns, rows: (header ? records.slice(1) : records).map((record) => record.fields) };
}

/**
 * Columns of a CSV table as one tensor [rows, columns]; every selected field must be a number.
 * @example
 * const x = csvToTensor(parseCsv('a,b\n1,2\n3,4'), { columns: ['a', 'b'] }); // [[1, 2], [3, 4]]
 */
export function csvToTensor(table: CsvTable, options: { columns?: string[]; dtype?: DType; name?: string } = {}): Tensor {
  const wanted = options.columns ?? table.columns;
  const positions = wanted.map((column) => {
    const position = table.columns.indexOf(column);
    if (position < 0) throw new Error(`${options.name ?? 'CSV'}: no column "${column}" (columns: ${table.columns.join(', ')})`);
    return position;
  });
  const values = new Float64Array(table.rows.length * positions.length);
  table.rows.forEach((row, r) =>
    positions.forEach((position, c) => {
      const text = row[position]!.trim();
      const value = Number(text);
      if (text === '' || Number.isNaN(value) && text.toLowerCase() !== 'nan')
        throw new Error(`${options.name ?? 'CSV'}: row ${r + 1}, column "${table.columns[position]}": "${row[position]}" is not a number`);
      values[r * positions.length + c] = value;
    }),
  );
  return tensor(values, { shape: [table.rows.length, positions.length], dtype: options.dtype ?? 'float32' });
}

/**
 * Reads a CSV file into a table (Node path or URL).
 * @example
 * const table = await readCsv('iris.csv');
 * const x = csvToTensor(table, { columns: ['sepal_length', 'sepal_width'] });
 */
export async function readCsv(source: string | URL, options: Omit<CsvOptions, 'name'> = {}): Promise<CsvTable> {
  const text = new TextDecoder().decode(await readBytes(source));
  return parseCsv(text, { ...options, name: describeSource(source) });
}
