import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { csvToTensor, parseCsv, readCsv } from './csv.js';

/** Written by tools/fixtures/data_csv_cases.py: what numpy.loadtxt reads each field as (float64). */
const { cases } = JSON.parse(readFileSync(new URL('../../test/__fixtures__/data_csv_cases.json', import.meta.url), 'utf8')) as {
  cases: Array<{ field: string; numpy: number | 'nan' | 'inf' | '-inf' | 'error' }>;
};
const quote = (field: string) => `"${field.replaceAll('"', '""')}"`;

describe('CSV numbers as NumPy reads them', () => {
  it.each(cases)('$field → $numpy', ({ field, numpy }) => {
    const table = parseCsv(`x\n${quote(field)}\n`, { name: 'values.csv' });
    if (numpy === 'error') {
      expect(() => csvToTensor(table, { dtype: 'float64' })).toThrow(
        `values.csv: line 2, column "x": ${JSON.stringify(field)} is not a decimal number`,
      );
      return;
    }
    const value = csvToTensor(table, { dtype: 'float64' }).dataSync()[0];
    expect(value).toBe(numpy === 'nan' ? NaN : numpy === 'inf' ? Infinity : numpy === '-inf' ? -Infinity : numpy);
  });
});

describe('CSV dtypes, files and errors', () => {
  it('int32 takes integers in range only; nan, inf and 3000000000 are errors, not wrapped values', () => {
    const table = parseCsv('a\n-2147483648\n2147483647\n1e3\n', { name: 'ints.csv' });
    expect([...csvToTensor(table, { dtype: 'int32' }).dataSync()]).toEqual([-2147483648, 2147483647, 1000]);
    const bad: Array<[string, RegExp]> = [
      ['3000000000', /line 2, column "a": "3000000000" is outside the int32 range/],
      ['-2147483649', /outside the int32 range/],
      ['nan', /"nan" is not an integer/],
      ['inf', /"inf" is not an integer/],
      ['1.5', /"1.5" is not an integer/],
    ];
    for (const [field, message] of bad)
      expect(() => csvToTensor(parseCsv(`a\n${field}\n`, { name: 'ints.csv' }), { dtype: 'int32' })).toThrow(message);
  });

  it('bool takes true/false/1/0 in any case', () => {
    expect([...csvToTensor(parseCsv('b\nTrue\nfalse\n1\n0\n'), { dtype: 'bool' }).dataSync()]).toEqual([1, 0, 1, 0]);
    expect(() => csvToTensor(parseCsv('b\nyes\n', { name: 'flags.csv' }), { dtype: 'bool' })).toThrow(
      'flags.csv: line 2, column "b": "yes" is not a bool',
    );
    expect(() => csvToTensor(parseCsv('b\n2\n'), { dtype: 'bool' })).toThrow(/"2" is not a bool/);
  });

  it('the line in errors counts quoted newlines, and unknown options are errors', () => {
    const table = parseCsv('note,x\n"two\nlines",1\nok,oops\n', { name: 'notes.csv' });
    expect(() => csvToTensor(table, { columns: ['x'] })).toThrow('notes.csv: line 4, column "x": "oops" is not a decimal number');
    expect(() => csvToTensor(table, { column: ['x'] } as never)).toThrow(
      /csvToTensor: unknown option `column`. Accepted options: columns, dtype, name/,
    );
    expect(() => parseCsv('a', { delimeter: ';' } as never)).toThrow(/parseCsv: unknown option `delimeter`/);
  });

  it('readCsv reads a gzip file whatever its name and names the file in errors', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'dl-csv-'));
    const path = join(directory, 'data.csv');
    writeFileSync(path, gzipSync('a,b\n1,2\n3,x\n'));
    const table = await readCsv(path);
    expect(table.rows).toEqual([
      ['1', '2'],
      ['3', 'x'],
    ]);
    expect(() => csvToTensor(table)).toThrow(`${path}: line 3, column "b": "x" is not a decimal number`);
    const binary = join(directory, 'binary.csv');
    writeFileSync(binary, new Uint8Array([0xff, 0xfe, 0x00, 0x80]));
    await expect(readCsv(binary)).rejects.toThrow(`${binary}: not UTF-8 text`);
    writeFileSync(path, gzipSync('a\n1\n').subarray(0, 12));
    await expect(readCsv(path)).rejects.toThrow(`${path}: corrupt or truncated gzip data`);
  });

  it('duplicate column names take the first, as before, and missing columns are named', () => {
    const table = parseCsv('a,a,b\n1,2,3\n', { name: 't.csv' });
    expect([...csvToTensor(table, { columns: ['a', 'b'] }).dataSync()]).toEqual([1, 3]);
    expect(() => csvToTensor(table, { columns: ['c'] })).toThrow('t.csv: no column "c"');
  });
});
