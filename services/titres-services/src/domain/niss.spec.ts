import { formatNiss, parseNiss } from './niss';

describe('parseNiss', () => {
  it.each([
    ['85.07.30-033.28', '85073003328'],
    ['85073003328', '85073003328'],
    ['850730 033 28', '85073003328'],
  ])('accepts %s (born before 2000)', (input, expected) => {
    expect(parseNiss(input)).toBe(expected);
  });

  it('accepts a number of someone born in 2000 or later (check computed with the 2 prefix)', () => {
    expect(parseNiss('01.02.03-123.45')).toBe('01020312345');
  });

  it('accepts a check of 97 (first nine digits divisible by 97)', () => {
    expect(parseNiss('93041245797')).toBe('93041245797');
  });

  it.each(['85073003329', '01020312346'])(
    'refuses the wrong check digits of %s with its own code',
    (input) => {
      expect(() => parseNiss(input)).toThrow(
        expect.objectContaining({ code: 'TS_NISS_CHECKSUM_INVALID', field: 'niss' }),
      );
    },
  );

  it.each(['', '8507300332', '850730033281', '85O73003328'])('refuses the malformed "%s"', (input) => {
    expect(() => parseNiss(input)).toThrow(expect.objectContaining({ code: 'TS_NISS_FORMAT_INVALID' }));
  });

  it('formats as on identity documents', () => {
    expect(formatNiss('85073003328')).toBe('85.07.30-033.28');
  });
});
