import { parse } from 'csv-parse/sync';
import { delimitedWriter, FEC_FORMAT } from './delimited-file';

const NASTY = ['Dupont; Fils & Cie', 'Le "Bon" Coin', 'Ligne 1\nLigne 2', 'CR\ronly', 'Tab\there', ''];

describe('delimitedWriter (csv-stringify)', () => {
  const semicolons = delimitedWriter({ delimiter: ';', recordDelimiter: '\n', quoting: 'rfc4180' });
  const commas = delimitedWriter({ delimiter: ',', recordDelimiter: '\r\n', quoting: 'rfc4180' });

  it('leaves plain fields as they are; numbers and empty values as text', () => {
    expect(semicolons.line(['BE68539007547034', 12.5, null, undefined, 'x'])).toBe(
      'BE68539007547034;12.5;;;x\n',
    );
  });

  it('quotes names holding the separator, quotes or line breaks, doubling quotes (RFC 4180)', () => {
    expect(semicolons.line(['Dupont; Fils', 'Le "Bon" Coin', 'a\nb', 'c\rd', 'e,f'])).toBe(
      '"Dupont; Fils";"Le ""Bon"" Coin";"a\nb";"c\rd";e,f\n',
    );
    expect(commas.line(['e,f', 'a\nb'])).toBe('"e,f","a\nb"\r\n');
  });

  it('reads back every name whole, whatever it holds', () => {
    for (const [writer, delimiter] of [
      [semicolons, ';'],
      [commas, ','],
    ] as const) {
      const text = writer.lines([NASTY, ['after']]);
      expect(parse(text, { delimiter, relax_column_count: true })).toEqual([NASTY, ['after']]);
    }
  });

  it('writes several records as one chunk, and nothing for none', () => {
    expect(semicolons.lines([['a'], ['b']])).toBe('a\nb\n');
    expect(semicolons.lines([])).toBe('');
  });
});

describe('FEC (tab-separated, no quoting)', () => {
  const fec = delimitedWriter(FEC_FORMAT);

  it('never splits a line or a column: tabs and line breaks inside a field become spaces', () => {
    expect(fec.line(['BQ', 'Le "Bon" Coin', 'Ligne 1\r\nLigne 2', 'a\tb', ''])).toBe(
      'BQ\tLe "Bon" Coin\tLigne 1 Ligne 2\ta b\t\r\n',
    );
    const lines = fec.lines([NASTY, NASTY]).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.split('\t')).toHaveLength(NASTY.length);
  });
});
