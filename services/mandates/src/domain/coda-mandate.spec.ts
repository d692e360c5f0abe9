import {
  availableCodaActions,
  CODA_MACHINE,
  CODA_STATES,
  initialCodaState,
  isUnsigned,
  preparedCodaState,
  resentCodaState,
} from './coda-mandate';

const standard = { kind: 'STANDARD' as const, supportsEsignature: true };
const paperOnly = { kind: 'STANDARD' as const, supportsEsignature: false };
const online = { kind: 'ONLINE_BANKING' as const, supportsEsignature: false };
const incompatible = { kind: 'NOT_COMPATIBLE' as const, supportsEsignature: false };

describe('CODA mandate state table', () => {
  it('lists every state, and ARCHIVED is final', () => {
    expect([...CODA_MACHINE.states].sort()).toEqual([...CODA_STATES].sort());
    for (const s of CODA_STATES) expect(CODA_MACHINE.canMove('ARCHIVED', s)).toBe(false);
  });

  it('follows the order → signature → bank → active path, and refuses shortcuts with a typed error', () => {
    expect(CODA_MACHINE.canMove('IN_PREPARATION', 'SENT_TO_CLIENT')).toBe(true);
    expect(CODA_MACHINE.canMove('SIGNED', 'BANK_PROCEDURE')).toBe(true);
    expect(CODA_MACHINE.canMove('BANK_PROCEDURE', 'ACTIVE')).toBe(true);
    expect(() => CODA_MACHINE.assertMove('IN_PREPARATION', 'ACTIVE')).toThrow(
      expect.objectContaining({
        code: 'CODA_ILLEGAL_TRANSITION',
        details: { fromState: 'IN_PREPARATION', toState: 'ACTIVE' },
      }),
    );
    expect(() => CODA_MACHINE.assertMove('ACTIVE', 'SIGNED')).toThrow(
      expect.objectContaining({ code: 'CODA_ILLEGAL_TRANSITION' }),
    );
  });

  it('starts registered at an incompatible bank and prepares a document only at a STANDARD bank', () => {
    expect(initialCodaState('NOT_COMPATIBLE')).toBe('REGISTERED');
    expect(initialCodaState('STANDARD')).toBe('IN_TREATMENT');
    expect(preparedCodaState('STANDARD')).toBe('IN_PREPARATION');
    expect(preparedCodaState('ONLINE_BANKING')).toBeNull();
    expect(resentCodaState('ONLINE_BANKING')).toBe('AVAILABLE_ONLINE');
    expect(resentCodaState('STANDARD')).toBe('SENT_TO_CLIENT');
  });

  it('counts as unsigned only the seed-001 states, and never after a signature', () => {
    expect(isUnsigned('PROBLEM', null)).toBe(true);
    expect(isUnsigned('PROBLEM', new Date())).toBe(false);
    expect(isUnsigned('SIGNED', null)).toBe(false);
    expect(isUnsigned('IN_TREATMENT', null)).toBe(false);
  });
});

describe('availableCodaActions (management mode × bank kind × state)', () => {
  const actions = (
    state: Parameters<typeof availableCodaActions>[0]['state'],
    bank: Parameters<typeof availableCodaActions>[0]['bank'],
    mode: 'OFFICE' | 'PLATFORM',
    signedAt: Date | null = null,
  ) => availableCodaActions({ state, bank, mode, signedAt });

  it('lets an office that manages its mandates download, e-sign and archive, but not resend', () => {
    expect(actions('IN_PREPARATION', standard, 'OFFICE')).toEqual([
      'DOWNLOAD_DOCUMENT',
      'SIGN_ELECTRONICALLY',
      'ARCHIVE',
    ]);
    expect(actions('SENT_TO_CLIENT', paperOnly, 'OFFICE')).toEqual(['DOWNLOAD_DOCUMENT', 'ARCHIVE']);
  });

  it('lets the platform resend instead of the office downloading', () => {
    expect(actions('SENT_TO_CLIENT', standard, 'PLATFORM')).toEqual([
      'SIGN_ELECTRONICALLY',
      'ARCHIVE',
      'RESEND_TO_CLIENT',
    ]);
    expect(actions('PROBLEM', paperOnly, 'PLATFORM')).toEqual(['ARCHIVE', 'RESEND_TO_CLIENT']);
  });

  it('offers no document at an online-banking bank, only resend (platform) and archive', () => {
    expect(actions('AVAILABLE_ONLINE', online, 'PLATFORM')).toEqual(['ARCHIVE', 'RESEND_TO_CLIENT']);
    expect(actions('AVAILABLE_ONLINE', online, 'OFFICE')).toEqual(['ARCHIVE']);
    expect(actions('REGISTERED', incompatible, 'OFFICE')).toEqual(['ARCHIVE']);
  });

  it('offers only archive once signed, and nothing once archived', () => {
    expect(actions('SIGNED', standard, 'OFFICE', new Date())).toEqual(['ARCHIVE']);
    expect(actions('PROBLEM', standard, 'PLATFORM', new Date())).toEqual(['ARCHIVE']);
    expect(actions('ARCHIVED', standard, 'OFFICE')).toEqual([]);
  });
});
