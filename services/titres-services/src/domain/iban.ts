import { DomainError, ibanProblem, inputExcerpt, normalizeIban } from '@fidu/service-kit/domain';

export { formatIban } from '@fidu/service-kit/domain';

/** The normalized IBAN (the kit's one rule: SEPA scheme countries), or TS_IBAN_INVALID saying why. */
export function parseIban(input: string, field = 'iban'): string {
  const problem = ibanProblem(input);
  if (problem)
    throw new DomainError(
      'TS_IBAN_INVALID',
      `${inputExcerpt(input)} is not a valid IBAN: ${problem}.`,
      field,
    );
  return normalizeIban(input);
}
