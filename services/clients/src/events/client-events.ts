import { ClientRegisteredSchema, ClientUpdatedSchema, encodeEvent } from '@fidu/proto-events';
import type { OutboxEvent } from '@fidu/service-kit';
import type { ClientEntity } from '../db/client.entity';
import type { FieldChange } from '../domain/client';

const SOURCE = 'clients';

export function clientRegisteredEvent(c: ClientEntity, correlationId: string): OutboxEvent {
  return encodeEvent(
    ClientRegisteredSchema,
    {
      clientId: c.id,
      officeId: c.officeId,
      enterpriseNumber: c.enterpriseNumber ?? '',
      companyName: c.companyName,
      clientCode: c.clientCode,
      email: c.email ?? '',
      phone: c.phone ?? '',
      language: c.language.toLowerCase(),
      street: c.street ?? '',
      postalCode: c.postalCode ?? '',
      city: c.city ?? '',
      country: c.country ?? '',
      version: c.version,
    },
    { source: SOURCE, tenant: c.officeId, subject: c.id, correlationId },
  );
}

export function clientUpdatedEvent(
  c: ClientEntity,
  changes: FieldChange[],
  correlationId: string,
): OutboxEvent {
  return encodeEvent(
    ClientUpdatedSchema,
    {
      clientId: c.id,
      officeId: c.officeId,
      version: c.version,
      changes: changes.map((ch) => ({
        field: ch.field,
        oldValue: ch.oldValue ?? undefined,
        newValue: ch.newValue ?? undefined,
      })),
    },
    { source: SOURCE, tenant: c.officeId, subject: c.id, correlationId },
  );
}
