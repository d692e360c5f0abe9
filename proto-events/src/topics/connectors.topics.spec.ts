import { decodeEvent, encodeEvent, isEvent } from '../codec';
import { topicOf } from '../topics';
import {
  AssociationChannel,
  ClientAssociatedSchema,
  ClientDisassociatedSchema,
  ConnectorAddedSchema,
  ConnectorDeletedSchema,
  ConnectorState,
  ConnectorValidatedSchema,
  ExportKind,
  ExportProducedSchema,
} from './connectors.topics';

const officeId = 'office-demo-brussels';
const connectorId = '0c000000-0000-4000-8000-000000000001';

describe('connectors topics', () => {
  it('registers each connectors event on its aggregate topic', () => {
    expect(topicOf(ConnectorAddedSchema)).toBe('connectors.connector.v1');
    expect(topicOf(ConnectorValidatedSchema)).toBe('connectors.connector.v1');
    expect(topicOf(ConnectorDeletedSchema)).toBe('connectors.connector.v1');
    expect(topicOf(ClientAssociatedSchema)).toBe('connectors.association.v1');
    expect(topicOf(ClientDisassociatedSchema)).toBe('connectors.association.v1');
    expect(topicOf(ExportProducedSchema)).toBe('connectors.export.v1');
  });

  it('round-trips ConnectorDeleted with old and new state and a reason', () => {
    const encoded = encodeEvent(
      ConnectorDeletedSchema,
      {
        connectorId,
        officeId,
        softwareId: 'octopus',
        oldState: ConnectorState.ACTIVE,
        newState: ConnectorState.DELETED,
        reason: 'deleted by the office',
        endedAssociationCount: 3,
      },
      { source: 'connectors', tenant: officeId, subject: connectorId },
    );
    expect(encoded.key).toBe(connectorId);
    const decoded = decodeEvent(encoded.value);
    if (!isEvent(decoded, ConnectorDeletedSchema)) throw new Error(decoded.type);
    expect(decoded.payload).toMatchObject({
      oldState: ConnectorState.ACTIVE,
      newState: ConnectorState.DELETED,
      endedAssociationCount: 3,
    });
  });

  it('round-trips ClientAssociated and ExportProduced (64-bit totals)', () => {
    const associated = decodeEvent(
      encodeEvent(
        ClientAssociatedSchema,
        {
          associationId: connectorId,
          officeId,
          connectorId,
          clientId: connectorId,
          softwareId: 'yuki',
          channel: AssociationChannel.ALL,
        },
        { source: 'connectors', tenant: officeId, subject: connectorId },
      ).value,
    );
    expect(isEvent(associated, ClientAssociatedSchema) && associated.payload.channel).toBe(
      AssociationChannel.ALL,
    );
    const produced = decodeEvent(
      encodeEvent(
        ExportProducedSchema,
        {
          exportId: connectorId,
          officeId,
          kind: ExportKind.GLOBAL_FILE,
          businessDate: '2026-11-22',
          format: 'CSV',
          entryCount: 2,
          totalCreditCents: 5_000_000_000n,
        },
        { source: 'connectors', tenant: officeId, subject: connectorId },
      ).value,
    );
    if (!isEvent(produced, ExportProducedSchema)) throw new Error(produced.type);
    expect(produced.payload.totalCreditCents).toBe(5_000_000_000n);
    expect(produced.payload.kind).toBe(ExportKind.GLOBAL_FILE);
  });
});
