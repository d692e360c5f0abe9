import type { DataSource } from 'typeorm';
import { DomainError, forbidden, inputExcerpt } from '@fidu/service-kit';

/**
 * A partner secretariat declares which enterprises are affiliated with it (what Boost answers
 * from). Its affiliates are facts it owns, so any valid enterprise number is accepted (refusing
 * unknown ones would reveal which enterprises are the platform's clients), but a declaration
 * writes only the declaring secretariat's own rows, never overwrites what it answered to a request
 * an office addressed to it, and moves no mandate: Boost weighs declarations below answers.
 */
export async function declareSodaAffiliations(
  ds: DataSource,
  secretariatId: string,
  enterpriseNumbers: string[],
): Promise<number> {
  const [secretariat] = (await ds.query(
    `SELECT is_partner AS "isPartner" FROM social_secretariat WHERE id = $1`,
    [secretariatId],
  )) as { isPartner: boolean }[];
  if (!secretariat?.isPartner)
    throw forbidden('Only a partner social secretariat can declare its affiliates.');
  if (
    !Array.isArray(enterpriseNumbers) ||
    enterpriseNumbers.length === 0 ||
    enterpriseNumbers.length > 1000
  ) {
    throw new DomainError(
      'SODA_AFFILIATIONS_INVALID',
      'Declare between 1 and 1000 enterprise numbers.',
      'enterpriseNumbers',
    );
  }
  const numbers = enterpriseNumbers.map((n, i) => {
    const digits = n.replace(/[\s.]/g, '');
    if (!/^[01]\d{9}$/.test(digits) || 97 - (Number(digits.slice(0, 8)) % 97) !== Number(digits.slice(8))) {
      throw new DomainError(
        'SODA_AFFILIATIONS_INVALID',
        `${inputExcerpt(n)} is not a valid enterprise number.`,
        `enterpriseNumbers.${i}`,
      );
    }
    return digits;
  });
  await ds.query(
    `INSERT INTO soda_affiliation (enterprise_number, social_secretariat_id, affiliated, source)
     SELECT DISTINCT n, $2::uuid, true, 'DECLARATION' FROM unnest($1::text[]) AS n
     ON CONFLICT (enterprise_number, social_secretariat_id) DO UPDATE SET affiliated = true, reported_at = now()
       WHERE soda_affiliation.source = 'DECLARATION'`,
    [numbers, secretariatId],
  );
  return new Set(numbers).size;
}
