import { formatCsvLine, parseCsv } from '../../src/inventory/csv';

describe('CSV reader and writer', () => {
  it('reads quoted fields with commas, escaped quotes and line breaks, CRLF endings and a BOM, with the line each record starts on', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nplain," "\r\n\r\nlast,"",z';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\r\nlines'] },
      { line: 4, fields: ['plain', ' '] },
      { line: 6, fields: ['last', '', 'z'] },
    ]);
  });

  it('keeps a quote inside an unquoted field, accepts LF and a trailing newline', () => {
    expect(parseCsv('model,size\nMacBook 13" Pro,13\n')).toEqual([
      { line: 1, fields: ['model', 'size'] },
      { line: 2, fields: ['MacBook 13" Pro', '13'] },
    ]);
  });

  it('refuses an unclosed quote and text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a\n"open\nstill open')).toThrow(/line 2: a quoted field is not closed/);
    expect(() => parseCsv('a,b\n"x"y,2')).toThrow(/line 2: unexpected text after a closing quote/);
  });

  it('writes what it reads back unchanged', () => {
    const rows = [
      ['plain', 'with, comma', 'with "quote"', 'multi\nline', ' padded ', ''],
      ['CRLF\r\ninside', '=1+1', '😀', 'x', 'y', 'z'],
    ];
    const text = rows.map((r) => formatCsvLine(r)).join('');
    expect(parseCsv(text).map((r) => r.fields)).toEqual(rows);
  });
});
