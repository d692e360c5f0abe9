import { SODA_ANSWERS, SODA_MACHINE, SODA_STATES } from './soda-mandate';
import { BANK_ACCOUNT_MACHINE, stateAfterSignature } from './bank-account';

describe('SODA mandate state table', () => {
  it('covers every state and keeps ARCHIVED final', () => {
    expect([...SODA_MACHINE.states].sort()).toEqual([...SODA_STATES].sort());
    expect(SODA_STATES.some((s) => SODA_MACHINE.canMove('ARCHIVED', s))).toBe(false);
  });

  it('cannot be requested before it is signed (no SODA without CODA)', () => {
    expect(SODA_MACHINE.canMove('NOT_SIGNED', 'REQUESTED')).toBe(false);
    expect(SODA_MACHINE.canMove('NOT_SIGNED', 'SIGNED')).toBe(true);
    expect(SODA_MACHINE.canMove('SIGNED', 'REQUESTED')).toBe(true);
  });

  it('maps every secretariat answer onto a move allowed from REQUESTED', () => {
    for (const to of Object.values(SODA_ANSWERS)) expect(SODA_MACHINE.canMove('REQUESTED', to)).toBe(true);
    expect(SODA_ANSWERS.NOT_AFFILIATED).toBe('ARCHIVED');
    expect(() => SODA_MACHINE.assertMove('NOT_SIGNED', 'ACTIVE')).toThrow(
      expect.objectContaining({ code: 'SODA_ILLEGAL_TRANSITION' }),
    );
  });
});

describe('bank account state table', () => {
  it('waits for the holder at online-banking banks and for the bank otherwise', () => {
    expect(stateAfterSignature('ONLINE_BANKING')).toBe('WAITING_FOR_HOLDER_ACTIVATION');
    expect(stateAfterSignature('STANDARD')).toBe('ACTIVATION_PENDING_AT_BANK');
  });

  it('cannot be activated before its mandate is signed', () => {
    expect(BANK_ACCOUNT_MACHINE.canMove('WAITING_FOR_SIGNED_MANDATE', 'ACTIVE_WAITING_FOR_FIRST_FILE')).toBe(
      false,
    );
    expect(() => BANK_ACCOUNT_MACHINE.assertMove('WAITING_FOR_SIGNED_MANDATE', 'ACTIVE')).toThrow(
      expect.objectContaining({ code: 'BANK_ACCOUNT_ILLEGAL_TRANSITION' }),
    );
  });
});
