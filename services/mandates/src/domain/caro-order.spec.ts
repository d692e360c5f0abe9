import {
  CARO_MACHINE,
  reminderDue,
  requireCardholderEmail,
  requireCardholderMobile,
  requireCaroReference,
} from './caro-order';

const BNP = 'ba000000-0000-4000-8000-000000000001';
const BELFIUS = 'ba000000-0000-4000-8000-000000000003';

describe('CARO order', () => {
  it('can be reactivated once cancelled and resolved from problem', () => {
    expect(CARO_MACHINE.canMove('CANCELLED', 'INVITATION_SENT')).toBe(true);
    expect(CARO_MACHINE.canMove('PROBLEM', 'INVITATION_SENT')).toBe(true);
    expect(CARO_MACHINE.canMove('PROBLEM', 'ACTIVE')).toBe(false);
    expect(() => CARO_MACHINE.assertMove('INVITATION_EXPIRED', 'ACTIVE')).toThrow(
      expect.objectContaining({ code: 'CARO_ILLEGAL_TRANSITION' }),
    );
  });

  it('checks the client reference per bank', () => {
    expect(requireCaroReference(BNP, '1234 5678 9012')).toBe('123456789012');
    expect(() => requireCaroReference(BNP, '12345')).toThrow(
      expect.objectContaining({ code: 'CARO_REFERENCE_INVALID', field: 'clientReference' }),
    );
    expect(requireCaroReference(BELFIUS, 'ab12345678')).toBe('AB12345678');
    expect(() => requireCaroReference(BELFIUS, '1234567890')).toThrow(
      expect.objectContaining({ code: 'CARO_REFERENCE_INVALID' }),
    );
  });

  it('validates the cardholder contact details', () => {
    expect(requireCardholderEmail(' Jean@Dupont.BE ')).toBe('jean@dupont.be');
    expect(() => requireCardholderEmail('jean@')).toThrow(
      expect.objectContaining({ code: 'CARO_CARDHOLDER_EMAIL_INVALID' }),
    );
    expect(requireCardholderMobile('0470 12 34 56')).toBe('+32470123456');
    expect(requireCardholderMobile('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(() => requireCardholderMobile('02 511 11 11')).toThrow(
      expect.objectContaining({ code: 'CARO_CARDHOLDER_MOBILE_INVALID' }),
    );
  });

  it('reminds every 3 days, 3 times at most', () => {
    const invited = new Date('2026-11-01T10:00:00Z');
    const day = (n: number) => new Date(invited.getTime() + n * 86_400_000);
    expect(reminderDue(invited, 0, day(2))).toBe(false);
    expect(reminderDue(invited, 0, day(3))).toBe(true);
    expect(reminderDue(invited, 1, day(5))).toBe(false);
    expect(reminderDue(invited, 2, day(9))).toBe(true);
    expect(reminderDue(invited, 3, day(13))).toBe(false);
  });
});
