import { Readable } from 'node:stream';
import { detectDelimiter, formatCsvLine, readCsvRecords } from '../../src/inventory/csv';

/** Reads `text` as a file would arrive: in chunks of `chunkSize` bytes (every split point is exercised by 1). */
async function read(text: string, chunkSize = 7): Promise<Array<{ line: number; fields: string[] }>> {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const out = [];
  for await (const r of readCsvRecords(Readable.from(chunks))) out.push({ line: r.line, fields: r.fields });
  return out;
}

describe('CSV reader and writer', () => {
  it('reads quoted fields with commas, escaped quotes and line breaks, CRLF endings and a BOM, with the line each record starts on', async () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nplain," "\r\n\r\nlast,"",z';
    const expected = [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\r\nlines'] },
      { line: 4, fields: ['plain', ' '] },
      { line: 6, fields: ['last', '', 'z'] },
    ];
    expect(await read(text)).toEqual(expected);
    expect(await read(text, 1)).toEqual(expected);
  });

  it('counts physical lines after several CRLF line breaks inside quoted cells and blank lines (csv-parse alone miscounts these)', async () => {
    const text = 'a,b\r\n"1\r\n2\r\n3",x\r\n\r\n\r\n"é\r\nè",y\r\nlast,z\r\n';
    expect((await read(text)).map((r) => [r.line, r.fields[1]])).toEqual([
      [1, 'b'],
      [2, 'x'],
      [7, 'y'],
      [9, 'z'],
    ]);
  });

  it('keeps a quote inside an unquoted field, accepts LF, CR and a trailing newline', async () => {
    expect(await read('model,size\nMacBook 13" Pro,13\n')).toEqual([
      { line: 1, fields: ['model', 'size'] },
      { line: 2, fields: ['MacBook 13" Pro', '13'] },
    ]);
    expect(await read('a\r"b\rc"\rd')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['b\rc'] },
      { line: 4, fields: ['d'] },
    ]);
  });

  it('reads ";"-delimited files, the delimiter found in the header line', async () => {
    expect(await read('\uFEFFFirst Name;Last Name;Email\r\nAnn;"Lee; Jr";ann@acme.example\r\n')).toEqual([
      { line: 1, fields: ['First Name', 'Last Name', 'Email'] },
      { line: 2, fields: ['Ann', 'Lee; Jr', 'ann@acme.example'] },
    ]);
    expect(detectDelimiter('"a;b",c,d')).toBe(',');
    expect(detectDelimiter('a;"b,c,d";e')).toBe(';');
    expect(detectDelimiter('single')).toBe(',');
  });

  it('refuses an unclosed quote, naming the line it opens on', async () => {
    await expect(read('a\r\n"one\r\ntwo",x\r\n"open\r\nstill open')).rejects.toThrow(/^line 4: a quoted field is not closed/);
  });

  it('writes what it reads back unchanged', async () => {
    const rows = [
      ['plain', 'with, comma', 'with "quote"', 'multi\nline', ' padded ', ''],
      ['CRLF\r\ninside', '=1+1', '😀', 'semi;colon', 'y', 'z'],
    ];
    const text = rows.map((r) => formatCsvLine(r)).join('');
    expect((await read(text)).map((r) => r.fields)).toEqual(rows);
    expect(formatCsvLine(['a', null, 3, { k: 1 }, ' x', true])).toBe('a,,3,"{""k"":1}"," x",true\r\n');
  });
});
