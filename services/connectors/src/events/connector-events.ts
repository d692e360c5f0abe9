import {
  AssociationChannel,
  AssociationEndReason,
  AssociationState,
  ClientAssociatedSchema,
  ClientDisassociatedSchema,
  ConnectorAddedSchema,
  ConnectorDeletedSchema,
  ConnectorState as ConnectorStatePb,
  ConnectorValidatedSchema,
  encodeEvent,
  ExportKind,
  ExportProducedSchema,
} from '@fidu/proto-events';
import { appendToOutbox, timestampFromDate, type OutboxEvent } from '@fidu/service-kit';
import type { EntityManager } from 'typeorm';
import type { ConnectorEntity } from '../db/connector.entity';
import type { AssociationEndReason as EndReason, ConnectorState } from '../domain/connector';

const SOURCE = 'connectors';

/** appendToOutbox binds 6 parameters per event; Postgres allows 65 535 per statement. */
const OUTBOX_CHUNK = 5000;

const STATE: Record<ConnectorState, ConnectorStatePb> = {
  PENDING_VALIDATION: ConnectorStatePb.PENDING_VALIDATION,
  ACTIVE: ConnectorStatePb.ACTIVE,
  DELETED: ConnectorStatePb.DELETED,
};

export type Channel = 'SELECTION' | 'ALL' | 'CLIENT_RECORD';
const CHANNEL: Record<Channel, AssociationChannel> = {
  SELECTION: AssociationChannel.SELECTION,
  ALL: AssociationChannel.ALL,
  CLIENT_RECORD: AssociationChannel.CLIENT_RECORD,
};
const END_REASON: Record<EndReason, AssociationEndReason> = {
  DISASSOCIATED: AssociationEndReason.DISASSOCIATED,
  CONNECTOR_DELETED: AssociationEndReason.CONNECTOR_DELETED,
};

/** Writes events to the outbox in the caller's transaction, in chunks (associate-all writes thousands). */
export async function publish(em: EntityManager, events: OutboxEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += OUTBOX_CHUNK)
    await appendToOutbox(em, events.slice(i, i + OUTBOX_CHUNK));
}

export function connectorAdded(c: ConnectorEntity, correlationId?: string): OutboxEvent {
  return encodeEvent(
    ConnectorAddedSchema,
    {
      connectorId: c.id,
      officeId: c.officeId,
      softwareId: c.softwareId,
      state: STATE[c.state],
      exportFormat: c.exportFormat,
    },
    { source: SOURCE, tenant: c.officeId, subject: c.id, correlationId },
  );
}

export function connectorValidated(
  c: ConnectorEntity,
  oldState: ConnectorState,
  correlationId?: string,
): OutboxEvent {
  return encodeEvent(
    ConnectorValidatedSchema,
    {
      connectorId: c.id,
      officeId: c.officeId,
      softwareId: c.softwareId,
      oldState: STATE[oldState],
      newState: STATE[c.state],
      reason: 'validated by the office',
    },
    { source: SOURCE, tenant: c.officeId, subject: c.id, correlationId, time: c.validatedAt ?? undefined },
  );
}

export function connectorDeleted(
  c: ConnectorEntity,
  oldState: ConnectorState,
  endedAssociationCount: number,
  correlationId?: string,
): OutboxEvent {
  return encodeEvent(
    ConnectorDeletedSchema,
    {
      connectorId: c.id,
      officeId: c.officeId,
      softwareId: c.softwareId,
      oldState: STATE[oldState],
      newState: STATE[c.state],
      reason: 'deleted by the office',
      endedAssociationCount,
    },
    { source: SOURCE, tenant: c.officeId, subject: c.id, correlationId, time: c.deletedAt ?? undefined },
  );
}

export interface AssociationFact {
  id: string;
  officeId: string;
  connectorId: string;
  clientId: string;
}

export function clientAssociated(
  a: AssociationFact & { associatedAt: Date },
  softwareId: string,
  channel: Channel,
  correlationId?: string,
): OutboxEvent {
  return encodeEvent(
    ClientAssociatedSchema,
    {
      associationId: a.id,
      officeId: a.officeId,
      connectorId: a.connectorId,
      clientId: a.clientId,
      softwareId,
      associatedAt: timestampFromDate(a.associatedAt),
      channel: CHANNEL[channel],
    },
    { source: SOURCE, tenant: a.officeId, subject: a.id, correlationId, time: a.associatedAt },
  );
}

export function clientDisassociated(
  a: AssociationFact & { endedAt: Date },
  reason: EndReason,
  correlationId?: string,
): OutboxEvent {
  return encodeEvent(
    ClientDisassociatedSchema,
    {
      associationId: a.id,
      officeId: a.officeId,
      connectorId: a.connectorId,
      clientId: a.clientId,
      endedAt: timestampFromDate(a.endedAt),
      oldState: AssociationState.LIVE,
      newState: AssociationState.ENDED,
      reason: END_REASON[reason],
    },
    { source: SOURCE, tenant: a.officeId, subject: a.id, correlationId, time: a.endedAt },
  );
}

export interface ProducedFile {
  id: string;
  officeId: string;
  kind: 'CONNECTOR' | 'GLOBAL_FILE';
  connectorId?: string;
  softwareId?: string;
  clientId?: string;
  businessDate: string;
  format: string;
  entryCount: number;
  totalCreditCents: string | number;
  totalDebitCents: string | number;
}

export function exportProduced(f: ProducedFile): OutboxEvent {
  return encodeEvent(
    ExportProducedSchema,
    {
      exportId: f.id,
      officeId: f.officeId,
      kind: f.kind === 'CONNECTOR' ? ExportKind.CONNECTOR : ExportKind.GLOBAL_FILE,
      connectorId: f.connectorId ?? '',
      softwareId: f.softwareId ?? '',
      clientId: f.clientId ?? '',
      businessDate: f.businessDate,
      format: f.format,
      entryCount: f.entryCount,
      totalCreditCents: BigInt(f.totalCreditCents),
      totalDebitCents: BigInt(f.totalDebitCents),
    },
    { source: SOURCE, tenant: f.officeId, subject: f.id },
  );
}
