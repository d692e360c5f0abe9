import { firstDayAfter, previousMonth, vatOf } from './billing-rules';

describe('billing rules', () => {
  it('computes VAT in cents, rounded half up', () => {
    expect(vatOf(1500)).toBe(315);
    expect(vatOf(5)).toBe(1);
    expect(vatOf(2)).toBe(0);
  });
  it('names the billed month and its end', () => {
    expect(previousMonth('2026-12-01')).toBe('2026-11');
    expect(previousMonth('2027-01-01')).toBe('2026-12');
    expect(firstDayAfter('2026-12')).toBe('2027-01-01');
    expect(firstDayAfter('2026-02')).toBe('2026-03-01');
  });
});
