import type { DataSource } from 'typeorm';
import { appendToOutbox, DomainError, requireUuid } from '@fidu/service-kit';
import { ClientEntity } from '../db/client.entity';
import { toClientData, toColumns } from '../db/client.mapping';
import { mapUniqueViolation } from '../db/unique-violation';
import type { Address, Language, Warning } from '../domain/client';
import { planClientUpdate } from '../domain/client-update-rules';
import { InputChecker } from '../domain/client-validation';
import { clientUpdatedEvent } from '../events/client-events';

export interface UpdateClientInput {
  id: string;
  /** The version the editor started from: a stale one is refused, never merged. */
  expectedVersion: number;
  enterpriseNumber?: string | null;
  companyName?: string | null;
  clientCode?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: Address | null;
  language?: Language | null;
}

export function clientNotFound(field = 'id'): DomainError {
  return new DomainError('CLIENT_NOT_FOUND', 'No such client in your office.', field);
}

/** Edits a client under the editing rules of domain/client-update-rules.ts; emits ClientUpdated with the changed fields. */
export async function updateClient(
  ds: DataSource,
  officeId: string,
  input: UpdateClientInput,
  correlationId: string,
): Promise<{ client: ClientEntity; warnings: Warning[] }> {
  const id = requireUuid(input.id, 'id');
  const check = new InputChecker();
  const patch = {
    enterpriseNumber: check.enterpriseNumber(input.enterpriseNumber),
    companyName: check.companyName(input.companyName),
    clientCode: check.clientCode(input.clientCode),
    email: check.email(input.email),
    phone: check.phone(input.phone),
    address: check.address(input.address),
    language: check.language(input.language),
  };
  check.done();

  try {
    return await ds.transaction(async (em) => {
      const current = await em.findOne(ClientEntity, {
        where: { id, officeId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw clientNotFound();
      if (current.version !== input.expectedVersion) {
        throw new DomainError(
          'CLIENT_VERSION_CONFLICT',
          `This client was changed meanwhile (version ${current.version}, you edited version ${input.expectedVersion}): reload it and apply your change again.`,
          'expectedVersion',
          { currentVersion: current.version },
        );
      }
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const plan = planClientUpdate(toClientData(current), defined);
      if (plan.changes.length === 0) return { client: current, warnings: [] };

      const updated = Object.assign(current, toColumns(plan.next), {
        updatedAt: new Date(),
        version: current.version + 1,
      });
      await em.save(ClientEntity, updated);
      await appendToOutbox(em, [clientUpdatedEvent(updated, plan.changes, correlationId)]);
      return { client: updated, warnings: plan.warnings };
    });
  } catch (error) {
    throw mapUniqueViolation(error);
  }
}
