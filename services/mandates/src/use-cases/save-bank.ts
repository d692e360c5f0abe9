import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DomainError, findClientsInDirectory, inputExcerpt } from '@fidu/service-kit';
import { BANK_KINDS, type BankKind } from '../domain/bank-kind';
import { isBic } from '@fidu/service-kit/domain';
import { preparedCodaState } from '../domain/coda-mandate';
import { documentDataOf } from '../domain/mandate-document';
import { CODA_COLUMNS, type CodaMandateRow } from '../db/mandate.mapping';
import { findBank, type BankRow } from '../db/bank.repository';
import type { Caller } from '../domain/caller';
import { moveCodaMandate } from './coda-transitions';
import { mapDuplicate, optionalId, requireName } from './reference-data-input';

export interface SaveBankInput {
  id?: string | null;
  name: string;
  bic: string;
  supportsEsignature: boolean;
  supportsCaro: boolean;
  kind: BankKind;
}

/**
 * An operator adds or edits a bank. When a bank becomes compatible, the CODA orders registered
 * there move on by themselves (in treatment; at a STANDARD bank the document is generated).
 */
export async function saveBank(
  ds: DataSource,
  input: SaveBankInput,
  caller: Caller,
): Promise<{ bank: BankRow; releasedMandates: number }> {
  const id = optionalId(input.id);
  const name = requireName(input.name);
  const bic = (input.bic ?? '').trim().toUpperCase();
  if (!isBic(bic))
    throw new DomainError('BANK_BIC_INVALID', `${inputExcerpt(input.bic)} is not a BIC (ISO 9362).`, 'bic');
  if (!(BANK_KINDS as readonly string[]).includes(input.kind))
    throw new DomainError('BANK_KIND_INVALID', 'Unknown bank kind.', 'kind');
  if (input.supportsEsignature && input.kind !== 'STANDARD') {
    throw new DomainError(
      'BANK_ESIGNATURE_DOCUMENT_REQUIRED',
      'Only a STANDARD bank (signed document) can accept an e-signature.',
      'supportsEsignature',
    );
  }
  if (input.supportsCaro && input.kind === 'NOT_COMPATIBLE') {
    throw new DomainError(
      'BANK_CARO_CODA_REQUIRED',
      'CARO needs CODA: a bank that is not compatible cannot support CARO.',
      'supportsCaro',
    );
  }
  try {
    return await ds.transaction(async (em) => {
      const before = id ? await findBank(em, id) : undefined;
      if (id && !before) throw new DomainError('BANK_NOT_FOUND', 'No such bank.', 'id');
      const bankId = id ?? randomUUID();
      await em.query(
        `INSERT INTO bank (id, name, bic, supports_esignature, supports_caro, kind) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, bic = EXCLUDED.bic, supports_esignature = EXCLUDED.supports_esignature,
           supports_caro = EXCLUDED.supports_caro, kind = EXCLUDED.kind`,
        [bankId, name, bic, input.supportsEsignature, input.supportsCaro, input.kind],
      );
      let released = 0;
      if (before?.kind === 'NOT_COMPATIBLE' && input.kind !== 'NOT_COMPATIBLE') {
        const registered = (await em.query(
          `SELECT ${CODA_COLUMNS} FROM coda_mandate WHERE bank_id = $1 AND state = 'REGISTERED' FOR UPDATE`,
          [bankId],
        )) as CodaMandateRow[];
        for (const mandate of registered) {
          const [client] = await findClientsInDirectory(em, mandate.officeId, [mandate.clientId]);
          if (client) {
            await em.query(
              `UPDATE coda_mandate SET document_version = 1, document_data = $2, document_client_version = $3 WHERE id = $1`,
              [mandate.id, JSON.stringify(documentDataOf(client)), client.version],
            );
          }
          const treated = await moveCodaMandate(
            em,
            mandate,
            'IN_TREATMENT',
            `${name} became compatible with CODA`,
            caller,
            input.kind,
          );
          const prepared = preparedCodaState(input.kind);
          if (prepared && client)
            await moveCodaMandate(em, treated, prepared, 'Mandate document generated', caller, input.kind);
          released++;
        }
      }
      return { bank: (await findBank(em, bankId))!, releasedMandates: released };
    });
  } catch (error) {
    return mapDuplicate(error);
  }
}
