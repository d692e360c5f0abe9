import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { appendToOutbox, DomainError, requireUuid, ValidationError } from '@fidu/service-kit';
import { ClientEntity } from '../db/client.entity';
import { InputChecker } from '../domain/client-validation';
import { clientUpdatedEvent } from '../events/client-events';

export const MAX_BULK_EMAILS = 500;

/**
 * Fills the e-mail of several clients that have none, all or nothing ("Ajouter les adresses e-mail
 * manquantes" in the console, from the filtered list). A client that already has an e-mail is
 * refused rather than overwritten: that is an edit, with its own version check.
 */
export async function addMissingEmails(
  ds: DataSource,
  officeId: string,
  entries: { clientId: string; email: string }[],
  correlationId: string,
): Promise<ClientEntity[]> {
  if (entries.length === 0 || entries.length > MAX_BULK_EMAILS) {
    throw new DomainError(
      'CLIENT_BULK_SIZE_INVALID',
      `Send between 1 and ${MAX_BULK_EMAILS} e-mails at once.`,
      'entries',
    );
  }
  const check = new InputChecker();
  const emails = entries.map((e, i) => check.email(e.email, `entries.${i}.email`) as string);
  check.done();
  const ids = entries.map((e, i) => requireUuid(e.clientId, `entries.${i}.clientId`));
  if (new Set(ids).size !== ids.length) {
    throw new DomainError('CLIENT_BULK_DUPLICATE_CLIENT', 'Each client may appear only once.', 'entries');
  }

  return ds.transaction(async (em) => {
    const found = await em.find(ClientEntity, {
      where: { id: In(ids), officeId },
      lock: { mode: 'pessimistic_write' },
    });
    const byId = new Map(found.map((c) => [c.id, c]));
    const problems = entries.flatMap((e, i) => {
      const c = byId.get(ids[i]!);
      if (!c)
        return [
          {
            field: `entries.${i}.clientId`,
            code: 'CLIENT_NOT_FOUND',
            message: 'No such client in your office.',
          },
        ];
      if (c.email !== null) {
        return [
          {
            field: `entries.${i}.clientId`,
            code: 'CLIENT_EMAIL_NOT_MISSING',
            message: `${c.companyName} already has an e-mail address.`,
          },
        ];
      }
      return [];
    });
    if (problems.length > 0) throw new ValidationError(problems);

    const now = new Date();
    const updated = entries.map((_e, i) =>
      Object.assign(byId.get(ids[i]!)!, { email: emails[i]!, updatedAt: now }),
    );
    await em.query(
      `UPDATE client c SET email = v.email, updated_at = $3, version = c.version + 1
         FROM unnest($1::uuid[], $2::text[]) AS v(id, email) WHERE c.id = v.id AND c.office_id = $4`,
      [updated.map((c) => c.id), updated.map((c) => c.email), now, officeId],
    );
    for (const c of updated) c.version += 1;
    await appendToOutbox(
      em,
      updated.map((c) =>
        clientUpdatedEvent(c, [{ field: 'email', oldValue: null, newValue: c.email }], correlationId),
      ),
    );
    return updated;
  });
}
