import { nextDirectDebitState } from './direct-debit-states';

describe('direct-debit transitions', () => {
  it('is accepted or rejected once requested, and cancelled while open', () => {
    expect(nextDirectDebitState('REQUESTED', 'ACCEPT')).toBe('ACTIVE');
    expect(nextDirectDebitState('REQUESTED', 'REJECT')).toBe('REJECTED');
    expect(nextDirectDebitState('ACTIVE', 'CANCEL')).toBe('CANCELLED');
  });
  it('refuses anything else with a typed error', () => {
    expect(() => nextDirectDebitState('ACTIVE', 'ACCEPT')).toThrow(
      expect.objectContaining({ code: 'TS_DIRECT_DEBIT_ILLEGAL_TRANSITION' }),
    );
    expect(() => nextDirectDebitState('REJECTED', 'CANCEL')).toThrow(
      expect.objectContaining({ code: 'TS_DIRECT_DEBIT_ILLEGAL_TRANSITION' }),
    );
  });
});
