import {
  addBelgianBusinessDays,
  belgianPublicHolidays,
  easterSunday,
  isBelgianBusinessDay,
} from './belgian-business-days';

describe('Belgian business days', () => {
  it('computes Easter', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
  });

  it('lists the ten legal holidays, Easter-based ones included', () => {
    expect(belgianPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-07-21',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('skips weekends and holidays', () => {
    expect(isBelgianBusinessDay('2026-11-20')).toBe(true); // Friday
    expect(isBelgianBusinessDay('2026-11-21')).toBe(false); // Saturday
    expect(isBelgianBusinessDay('2026-11-11')).toBe(false); // Armistice, a Wednesday
    expect(addBelgianBusinessDays('2026-11-20', 1)).toBe('2026-11-23'); // Friday → Monday
    expect(addBelgianBusinessDays('2026-11-22', 5)).toBe('2026-11-27'); // Sunday → next Friday
    expect(addBelgianBusinessDays('2026-11-10', 1)).toBe('2026-11-12'); // over Armistice
    expect(addBelgianBusinessDays('2026-04-02', 2)).toBe('2026-04-07'); // Thu → Fri, Easter Monday skipped → Tue
    expect(addBelgianBusinessDays('2026-12-24', 3)).toBe('2026-12-30'); // Christmas and a weekend
  });
});
