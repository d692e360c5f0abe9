import { requireBusinessDateInWindow, requireJobInstantInWindow } from './job-instant-window';

describe('how far from now an operator may run a job', () => {
  // 23:07 UTC on 30 November is 00:07 on 1 December in Brussels.
  const now = new Date('2026-11-30T23:07:00Z');
  const codeOf = (run: () => unknown) => {
    try {
      run();
    } catch (e) {
      return (e as { code?: string }).code;
    }
    return 'accepted';
  };

  it('counts a business date in Brussels calendar days: the 1st of next month is in reach on the 1st', () => {
    const check = (date: string) => () => requireBusinessDateInWindow(date, 'OUT', 'businessDate', now);
    expect(codeOf(check('2027-01-01'))).toBe('accepted');
    expect(codeOf(check('2027-01-02'))).toBe('OUT');
    expect(codeOf(check('2025-12-01'))).toBe('accepted');
    expect(codeOf(check('2025-11-30'))).toBe('OUT');
  });

  it('counts an instant in days of 24 hours from now', () => {
    const check = (at: string) => () => requireJobInstantInWindow(new Date(at), 'OUT', 'at', now);
    expect(codeOf(check('2026-12-31T23:07:00Z'))).toBe('accepted');
    expect(codeOf(check('2026-12-31T23:08:00Z'))).toBe('OUT');
    expect(codeOf(check('not a date'))).toBe('OUT');
  });
});
