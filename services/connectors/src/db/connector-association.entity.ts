import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AssociationEndReason } from '../domain/connector';

/**
 * A client dossier linked to a connector. Ended associations are kept (ended_at set), so the
 * period during which a dossier's entries went to a software stays known.
 */
@Entity({ name: 'connector_association' })
export class ConnectorAssociationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'office_id', type: 'text' })
  officeId: string;

  @Column({ name: 'connector_id', type: 'uuid' })
  connectorId: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @Column({ name: 'associated_at', type: 'timestamptz' })
  associatedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: AssociationEndReason | null;
}
