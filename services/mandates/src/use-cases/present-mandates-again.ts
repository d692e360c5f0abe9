import type { EntityManager } from 'typeorm';
import { appendToOutbox, findClientsInDirectory } from '@fidu/service-kit';
import { UNSIGNED_CODA_STATES } from '../domain/coda-mandate';
import { changedDocumentFields, documentDataOf } from '../domain/mandate-document';
import { recordHistory } from '../db/history.repository';
import { CODA_COLUMNS, type CodaMandateRow } from '../db/mandate.mapping';
import { codaDocumentRegeneratedEvent } from '../events/coda-mandate-events';
import { SYSTEM } from '../domain/caller';

/**
 * After a client's data changed, every mandate not signed yet whose document shows
 * other data is regenerated (new document version) and flagged to be presented again. Signed and
 * later mandates are untouched. Comparing the printed data with the current data makes a second
 * run (redelivery, replay) a no-op. Returns the regenerated mandates.
 */
export async function presentMandatesAgain(
  em: EntityManager,
  officeId: string,
  clientId: string,
  correlationId: string,
): Promise<CodaMandateRow[]> {
  const [client] = await findClientsInDirectory(em, officeId, [clientId]);
  if (!client) return [];
  const current = documentDataOf(client);
  const unsigned = (await em.query(
    `SELECT ${CODA_COLUMNS} FROM coda_mandate
      WHERE office_id = $1 AND client_id = $2 AND state = ANY($3::text[]) AND signed_at IS NULL AND document_data IS NOT NULL
      ORDER BY created_at, id FOR UPDATE`,
    [officeId, clientId, UNSIGNED_CODA_STATES],
  )) as CodaMandateRow[];
  const regenerated: CodaMandateRow[] = [];
  for (const mandate of unsigned) {
    const changed = changedDocumentFields(mandate.documentData!, current);
    if (changed.length === 0) continue;
    const [rows] = (await em.query(
      `UPDATE coda_mandate SET document_version = document_version + 1, document_data = $2, document_client_version = $3,
         to_be_presented_again = true, updated_at = now() WHERE id = $1 RETURNING ${CODA_COLUMNS}`,
      [mandate.id, JSON.stringify(current), client.version],
    )) as [CodaMandateRow[], number];
    const row = rows[0]!;
    const reason = `Document regenerated (client data changed: ${changed.join(', ')}); to be presented again`;
    await recordHistory(em, [
      {
        aggregate: 'CODA',
        aggregateId: mandate.id,
        officeId,
        fromState: mandate.state,
        toState: mandate.state,
        reason,
        actor: SYSTEM,
      },
    ]);
    await appendToOutbox(em, [
      codaDocumentRegeneratedEvent(row, row.documentVersion, changed, client.version, correlationId),
    ]);
    regenerated.push(row);
  }
  return regenerated;
}
