import type { DataSource } from 'typeorm';
import { DomainError, requireUuid } from '@fidu/service-kit';
import { requireClient } from '../db/client-directory.repository';

/** What one secretariat said about an enterprise's affiliation. */
export interface SodaAffiliationRow {
  socialSecretariatId: string;
  affiliated: boolean;
  source: 'ANSWER' | 'DECLARATION';
  reportedAt: Date;
}

export interface SodaBoostAnswer {
  clientId: string;
  enterpriseNumber: string;
  affiliations: SodaAffiliationRow[];
}

/** "Boost": which secretariat the client is affiliated with, before ordering (by enterprise number). */
export async function sodaBoost(
  ds: DataSource,
  officeId: string,
  clientIdInput: string,
): Promise<SodaBoostAnswer> {
  const clientId = requireUuid(clientIdInput, 'clientId');
  const client = await requireClient(ds, officeId, clientId);
  if (!client.enterpriseNumber) {
    throw new DomainError(
      'SODA_BOOST_ENTERPRISE_NUMBER_MISSING',
      'Boost looks the client up by enterprise number: fill it in first.',
      'clientId',
    );
  }
  const affiliations = (await ds.query(
    `SELECT social_secretariat_id AS "socialSecretariatId", affiliated, source, reported_at AS "reportedAt"
       FROM soda_affiliation WHERE enterprise_number = $1
      ORDER BY affiliated DESC, source = 'ANSWER' DESC, reported_at DESC`,
    [client.enterpriseNumber],
  )) as SodaAffiliationRow[];
  return { clientId, enterpriseNumber: client.enterpriseNumber, affiliations };
}

/**
 * Boost's answer: the secretariat that said so in answer to an office's request (newest first);
 * else the one secretariat that declares the enterprise; several declaring it is no answer, so no
 * secretariat can take another's clients by declaring them.
 */
export function affiliatedSecretariatId(affiliations: SodaAffiliationRow[]): string | null {
  const answered = affiliations.find((a) => a.affiliated && a.source === 'ANSWER');
  if (answered) return answered.socialSecretariatId;
  const declared = affiliations.filter((a) => a.affiliated);
  return declared.length === 1 ? declared[0]!.socialSecretariatId : null;
}
