import { checkOptions, describeValue, type DType, refuseExtraArguments, tensor, type Tensor } from '@dl/tensor';
import { maybeGunzip } from '../platform/compression.js';
import { checkSource, describeSource, readBytes } from '../platform/read-bytes.js';
import { fieldValue } from './csv-values.js';

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
  /** The line each row starts on (1-based), for error messages. */
  lines?: number[];
  /** The file (or 'CSV'), for error messages. */
  name?: string;
}

/**
 * Parses CSV text (RFC 4180: quoted fields may hold delimiters, newlines and doubled quotes "").
 * Every row must have as many fields as the first; a ragged row is an error naming the line.
 * @example
 * parseCsv('x,y\n1,2\n3,4'); // { columns: ['x', 'y'], rows: [['1', '2'], ['3', '4']], lines: [2, 3], name: 'CSV' }
 */
export function parseCsv(text: string, options: CsvOptions = {}, ...extra: never[]): CsvTable {
  if (extra.length > 0) refuseExtraArguments('parseCsv', ['text', 'options'], extra);
  if (typeof text !== 'string') throw new Error(`parseCsv: text must be a string (the file's contents), got ${describeValue(text)}`);
  checkOptions('parseCsv', options, ['header', 'delimiter', 'name']);
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
  if (records.length === 0) return { columns: [], rows: [], lines: [], name };
  const width = records[0]!.fields.length;
  for (const record of records)
    if (record.fields.length !== width)
      throw new Error(
        `${name}: line ${record.line} has ${record.fields.length} fields, expected ${width} like line ${records[0]!.line} (ragged rows)`,
      );
  const header = options.header ?? true;
  const columns = header ? records[0]!.fields.map((column) => column.trim()) : Array.from({ length: width }, (_, i) => String(i));
  const body = header ? records.slice(1) : records;
  return { columns, rows: body.map((record) => record.fields), lines: body.map((record) => record.line), name };
}

/** Options of `csvToTensor`. */
export interface CsvTensorOptions {
  /** The columns to take, in order; default all. */
  columns?: string[];
  /** float32 (default), float64, int32 (integers in range) or bool (true/false/1/0). */
  dtype?: DType;
  /** Overrides the table's name in error messages. */
  name?: string;
}

/**
 * Columns of a CSV table as one tensor [rows, columns]. Fields must be decimal numbers (or
 * nan/inf/-inf) for float dtypes, integers in range for int32, true/false/1/0 for bool; an error
 * names the file, the line, the column and the field. Linear in the table's size.
 * @example
 * const x = csvToTensor(parseCsv('a,b\n1,2\n3,4'), { columns: ['a', 'b'] }); // [[1, 2], [3, 4]]
 */
export function csvToTensor(table: CsvTable, options: CsvTensorOptions = {}, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('csvToTensor', ['table', 'options'], extra);
  checkOptions('csvToTensor', options, ['columns', 'dtype', 'name']);
  if (typeof table !== 'object' || table === null || !Array.isArray((table as { rows?: unknown }).rows))
    throw new Error(`csvToTensor: expected a table from parseCsv or readCsv, got ${describeValue(table)}`);
  const name = options.name ?? table.name ?? 'CSV';
  const dtype = options.dtype ?? 'float32';
  if (!['float32', 'float64', 'int32', 'bool'].includes(dtype))
    throw new Error(`csvToTensor: ${name}: unknown dtype ${JSON.stringify(dtype)}`);
  // one pass over the header: a Map keeps the lookups linear in the number of columns
  const positionOf = new Map<string, number>();
  table.columns.forEach((column, position) => positionOf.has(column) || positionOf.set(column, position));
  const positions = (options.columns ?? table.columns).map((column) => {
    const position = positionOf.get(column);
    if (position === undefined)
      throw new Error(
        `${name}: no column "${column}" (columns: ${table.columns.slice(0, 20).join(', ')}${table.columns.length > 20 ? ', ...' : ''})`,
      );
    return position;
  });
  const values = new Float64Array(table.rows.length * positions.length);
  table.rows.forEach((row, r) => {
    for (let c = 0; c < positions.length; c++) {
      const field = row[positions[c]!]!;
      const parsed = fieldValue(field.trim(), dtype);
      if ('problem' in parsed) {
        const line = table.lines?.[r] !== undefined ? `line ${table.lines[r]}` : `row ${r + 1}`;
        throw new Error(`${name}: ${line}, column "${table.columns[positions[c]!]}": ${JSON.stringify(field)} ${parsed.problem}`);
      }
      values[r * positions.length + c] = parsed.value;
    }
  });
  return tensor(values, { shape: [table.rows.length, positions.length], dtype });
}

/**
 * Reads a CSV file into a table (Node path or URL); a gzip file (detected by its first bytes, whatever
 * its name) is gunzipped first. Text that is not UTF-8 is refused by name.
 * @example
 * const table = await readCsv('iris.csv');
 * const x = csvToTensor(table, { columns: ['sepal_length', 'sepal_width'] });
 */
export async function readCsv(source: string | URL, options: Omit<CsvOptions, 'name'> = {}, ...extra: never[]): Promise<CsvTable> {
  if (extra.length > 0) refuseExtraArguments('readCsv', ['source', 'options'], extra);
  checkSource('readCsv', source);
  const name = describeSource(source);
  const bytes = await maybeGunzip(await readBytes(source), name);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${name}: not UTF-8 text (a binary file, or a compression other than gzip?)`);
  }
  return parseCsv(text, { ...options, name });
}
