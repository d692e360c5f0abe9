import { DomainError, normalisedEmail, normalisedMobile } from '@fidu/service-kit/domain';
import { createStateMachine } from './state-machine';

/** States of a CARO order (per client and card client reference). */
export const CARO_STATES = [
  'INVITATION_SENT',
  'INVITATION_EXPIRED',
  'ACTIVE',
  'CANCELLED',
  'PROBLEM',
] as const;
export type CaroState = (typeof CARO_STATES)[number];

/** The one table of CARO transitions; INVITATION_SENT → INVITATION_SENT is a resent invitation. */
export const CARO_MACHINE = createStateMachine<CaroState>('CARO order', 'CARO', {
  INVITATION_SENT: ['INVITATION_SENT', 'INVITATION_EXPIRED', 'ACTIVE', 'PROBLEM', 'CANCELLED'],
  INVITATION_EXPIRED: ['INVITATION_SENT', 'CANCELLED'],
  ACTIVE: ['CANCELLED'],
  CANCELLED: ['INVITATION_SENT'],
  PROBLEM: ['INVITATION_SENT', 'CANCELLED'],
});

/** An invitation is valid 14 days. */
export const INVITATION_VALIDITY_DAYS = 14;
/** Up to 3 reminders, every 3 days (days 3, 6 and 9), before the invitation expires on day 14. */
export const MAX_REMINDERS = 3;
export const REMINDER_INTERVAL_DAYS = 3;

/** Whether the next reminder is due at `now` for an invitation sent at `invitedAt`. */
export function reminderDue(invitedAt: Date, remindersSent: number, now: Date): boolean {
  if (remindersSent >= MAX_REMINDERS) return false;
  return now.getTime() >= invitedAt.getTime() + (remindersSent + 1) * REMINDER_INTERVAL_DAYS * 86_400_000;
}

/** How a bank's card client references look, and whether it needs the card's IBAN. */
export interface CaroReferenceRule {
  pattern: RegExp;
  /** Shown in the error message, e.g. "12 digits". */
  description: string;
  needsIban: boolean;
}

const DEFAULT_RULE: CaroReferenceRule = {
  pattern: /^[A-Z0-9]{6,20}$/,
  description: '6 to 20 letters or digits',
  needsIban: false,
};

/** Per bank id (reference data), the reference formats known to the platform. */
const RULES: Record<string, CaroReferenceRule> = {
  'ba000000-0000-4000-8000-000000000001': { pattern: /^\d{12}$/, description: '12 digits', needsIban: false },
  'ba000000-0000-4000-8000-000000000002': { pattern: /^\d{10}$/, description: '10 digits', needsIban: true },
  'ba000000-0000-4000-8000-000000000003': {
    pattern: /^[A-Z]{2}\d{8}$/,
    description: '2 letters and 8 digits',
    needsIban: false,
  },
  'ba000000-0000-4000-8000-000000000004': { pattern: /^\d{9}$/, description: '9 digits', needsIban: true },
};

export function caroReferenceRule(bankId: string): CaroReferenceRule {
  return RULES[bankId] ?? DEFAULT_RULE;
}

/** The reference as stored (upper case, no spaces), or CARO_REFERENCE_INVALID. */
export function requireCaroReference(bankId: string, value: string): string {
  const reference = value.replace(/\s/g, '').toUpperCase();
  const rule = caroReferenceRule(bankId);
  if (!rule.pattern.test(reference)) {
    throw new DomainError(
      'CARO_REFERENCE_INVALID',
      `This bank's card client references are ${rule.description}.`,
      'clientReference',
    );
  }
  return reference;
}

export function requireCardholderEmail(value: string): string {
  const email = normalisedEmail(value);
  if (email === null)
    throw new DomainError(
      'CARO_CARDHOLDER_EMAIL_INVALID',
      'The cardholder e-mail address is not valid.',
      'cardholderEmail',
    );
  return email;
}

/** A mobile number in E.164; Belgian numbers may be typed as 04xx xx xx xx. */
export function requireCardholderMobile(value: string): string {
  const mobile = normalisedMobile(value);
  if (mobile === null)
    throw new DomainError(
      'CARO_CARDHOLDER_MOBILE_INVALID',
      'The cardholder mobile number is not valid (e.g. +32 470 12 34 56).',
      'cardholderMobile',
    );
  return mobile;
}
