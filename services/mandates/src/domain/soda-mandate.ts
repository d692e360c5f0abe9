import { createStateMachine } from './state-machine';

/** States of a SODA mandate (per client and social secretariat). */
export const SODA_STATES = [
  'NOT_SIGNED',
  'SIGNED',
  'REQUESTED',
  'DELAYED',
  'CONFIRMED',
  'ACTIVE',
  'ARCHIVED',
  'PROBLEM',
] as const;
export type SodaState = (typeof SODA_STATES)[number];

/** The one table of SODA transitions. DELAYED → DELAYED is a secretariat delaying again. */
export const SODA_MACHINE = createStateMachine<SodaState>('SODA mandate', 'SODA', {
  NOT_SIGNED: ['SIGNED', 'ARCHIVED'],
  SIGNED: ['REQUESTED', 'ARCHIVED'],
  REQUESTED: ['CONFIRMED', 'DELAYED', 'ACTIVE', 'PROBLEM', 'ARCHIVED'],
  DELAYED: ['DELAYED', 'CONFIRMED', 'ACTIVE', 'PROBLEM', 'ARCHIVED'],
  CONFIRMED: ['DELAYED', 'ACTIVE', 'PROBLEM', 'ARCHIVED'],
  ACTIVE: ['ARCHIVED'],
  PROBLEM: ['REQUESTED', 'ARCHIVED'],
  ARCHIVED: [],
});

/** What a social secretariat may answer to an activation request, and the state it leads to. */
export const SODA_ANSWERS = {
  CONFIRM: 'CONFIRMED',
  DELAY: 'DELAYED',
  ACTIVATE: 'ACTIVE',
  REJECT: 'PROBLEM',
  NOT_AFFILIATED: 'ARCHIVED',
} as const satisfies Record<string, SodaState>;
export type SodaAnswer = keyof typeof SODA_ANSWERS;

/** The archive reason the seed names: the client is not known to the secretariat. */
export const NOT_AFFILIATED_REASON = 'Client not affiliated with this social secretariat';

/** Default reason per answer, when the secretariat gives none. */
export function defaultAnswerReason(answer: SodaAnswer): string {
  switch (answer) {
    case 'CONFIRM':
      return 'Confirmed by the social secretariat';
    case 'DELAY':
      return 'Delayed by the social secretariat';
    case 'ACTIVATE':
      return 'Activated by the social secretariat';
    case 'REJECT':
      return 'Rejected by the social secretariat';
    case 'NOT_AFFILIATED':
      return NOT_AFFILIATED_REASON;
  }
}

/**
 * States a secretariat sees, once the platform has requested activation from it (an order
 * archived before it was ever requested stays the office's business).
 */
export const SECRETARIAT_VISIBLE_STATES = [
  'REQUESTED',
  'DELAYED',
  'CONFIRMED',
  'ACTIVE',
  'ARCHIVED',
  'PROBLEM',
] as const;
