import {
  EXPORT_STATUS,
  nextPrestationState,
  PRESTATION_STATES,
  PRESTATION_TRANSITIONS,
} from './prestation-states';

const counts = (needed: number, attributed: number, reimbursementRequested = 0) => ({
  needed,
  attributed,
  reimbursementRequested,
});

describe('prestation transitions', () => {
  it('opens an encoded prestation to the user and the company at once', () => {
    expect(nextPrestationState('ENCODED', 'CONFIRM')).toBe('CONFIRMED');
    expect(nextPrestationState('ENCODED', 'VALIDATE')).toBe('VALIDATED');
    expect(nextPrestationState('ENCODED', 'CONTEST')).toBe('CONTESTED');
  });

  it('attributes only when both sides agreed, or after the period', () => {
    expect(nextPrestationState('CONFIRMED', 'VALIDATE', counts(5, 5))).toBe('ATTRIBUTED');
    expect(nextPrestationState('VALIDATED', 'CONFIRM', counts(5, 2))).toBe('PARTIALLY_ATTRIBUTED');
    expect(nextPrestationState('ENCODED', 'AUTO_VALIDATE', counts(5, 0))).toBe('AWAITING_VOUCHERS');
    expect(() => nextPrestationState('CONTESTED', 'AUTO_VALIDATE', counts(5, 5))).toThrow(
      expect.objectContaining({ code: 'TS_PRESTATION_ILLEGAL_TRANSITION' }),
    );
  });

  it('sends a contested prestation back to the company, then to the user again', () => {
    expect(nextPrestationState('CONTESTED', 'CORRECT')).toBe('CORRECTED');
    expect(nextPrestationState('CONTESTED', 'VALIDATE')).toBe('VALIDATED');
    expect(nextPrestationState('CORRECTED', 'CONFIRM', counts(3, 3))).toBe('ATTRIBUTED');
    expect(() => nextPrestationState('CONTESTED', 'CONFIRM')).toThrow(
      expect.objectContaining({ code: 'TS_PRESTATION_ILLEGAL_TRANSITION' }),
    );
  });

  it('pays in parts: 16 → 17 → 18 → 19', () => {
    expect(nextPrestationState('VALIDATED', 'CONFIRM', counts(5, 2))).toBe('PARTIALLY_ATTRIBUTED');
    expect(nextPrestationState('PARTIALLY_ATTRIBUTED', 'REIMBURSE', counts(5, 2, 2))).toBe(
      'PARTIALLY_REIMBURSED',
    );
    expect(nextPrestationState('PARTIALLY_REIMBURSED', 'ATTRIBUTE', counts(5, 3, 2))).toBe(
      'PARTIALLY_ATTRIBUTED_FURTHER',
    );
    expect(nextPrestationState('PARTIALLY_ATTRIBUTED_FURTHER', 'ATTRIBUTE', counts(5, 5, 2))).toBe(
      'PARTIALLY_ATTRIBUTED_COMPLETE',
    );
    expect(nextPrestationState('PARTIALLY_ATTRIBUTED_COMPLETE', 'REIMBURSE', counts(5, 5, 5))).toBe(
      'REIMBURSED',
    );
    expect(nextPrestationState('PARTIALLY_REIMBURSED', 'ATTRIBUTE', counts(5, 5, 2))).toBe(
      'PARTIALLY_ATTRIBUTED_COMPLETE',
    );
  });

  it('has an export code for every state, with 16 to 19 for partial payment', () => {
    for (const s of PRESTATION_STATES) expect(PRESTATION_TRANSITIONS[s]).toBeDefined();
    expect(EXPORT_STATUS.PARTIALLY_ATTRIBUTED).toEqual({ code: 16, label: 'Partiellement attribuée' });
    expect(EXPORT_STATUS.PARTIALLY_REIMBURSED).toEqual({ code: 17, label: 'Partiellement remboursée' });
    expect(EXPORT_STATUS.PARTIALLY_ATTRIBUTED_FURTHER).toEqual({
      code: 18,
      label: 'Partiellement attribuée',
    });
    expect(EXPORT_STATUS.PARTIALLY_ATTRIBUTED_COMPLETE).toEqual({
      code: 19,
      label: 'Partiellement attribuée',
    });
    const codes = PRESTATION_STATES.map((s) => EXPORT_STATUS[s].code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('refuses anything from final states', () => {
    expect(() => nextPrestationState('CANCELLED', 'VALIDATE')).toThrow(
      expect.objectContaining({ code: 'TS_PRESTATION_ILLEGAL_TRANSITION' }),
    );
    expect(() => nextPrestationState('REIMBURSED', 'REIMBURSE', counts(1, 1, 1))).toThrow(
      expect.objectContaining({ code: 'TS_PRESTATION_ILLEGAL_TRANSITION' }),
    );
  });
});
