/** What a prestation shows of the parallel validation: where the company and the user each stand. */
export interface PrestationSides {
  state: string;
  awaitingCompanyValidation: boolean;
  awaitingUserConfirmation: boolean;
  autoValidatedAt?: string | null;
}

const CLOSED = new Set(['CANCELLED']);

/** The company's side: to validate (or correct, after a contest), validated, corrected. */
export function companySideOf(p: PrestationSides): string {
  if (CLOSED.has(p.state)) return 'NONE';
  if (p.awaitingCompanyValidation) return p.state === 'CONTESTED' ? 'TO_VALIDATE_OR_CORRECT' : 'TO_VALIDATE';
  if (p.state === 'CORRECTED') return 'CORRECTED';
  return p.autoValidatedAt ? 'AUTO_VALIDATED' : 'VALIDATED';
}

/** The user's side: to confirm (again, after a correction), confirmed, contested. */
export function userSideOf(p: PrestationSides): string {
  if (CLOSED.has(p.state)) return 'NONE';
  if (p.state === 'CONTESTED') return 'CONTESTED';
  if (p.awaitingUserConfirmation) return p.state === 'CORRECTED' ? 'TO_CONFIRM_AGAIN' : 'TO_CONFIRM';
  return 'CONFIRMED';
}

/** The company may correct a prestation before any agreement, typically after a contest. */
export const correctable = (state: string) => state === 'ENCODED' || state === 'CONTESTED';
