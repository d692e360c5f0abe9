import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExportFormat } from '../domain/connector';
import type { ExportBatchStatus } from '../domain/export-batch-state-machine';

/** One associated dossier's entries of one daily run, for the connector's software. */
@Entity({ name: 'export_batch' })
export class ExportBatchEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'office_id', type: 'text' })
  officeId: string;

  @Column({ name: 'connector_id', type: 'uuid' })
  connectorId: string;

  @Column({ name: 'software_id', type: 'text' })
  softwareId: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  /** Delivery folder at production time (the client code names it). */
  @Column({ name: 'client_code', type: 'text' })
  clientCode: string;

  @Column({ type: 'text' })
  format: ExportFormat;

  @Column({ name: 'business_date', type: 'date' })
  businessDate: string;

  @Column({ name: 'entry_count', type: 'int' })
  entryCount: number;

  /** bigint comes back as a string: sums can exceed 2^53 cents in theory. */
  @Column({ name: 'total_credit_cents', type: 'bigint' })
  totalCreditCents: string;

  @Column({ name: 'total_debit_cents', type: 'bigint' })
  totalDebitCents: string;

  @Column({ type: 'text' })
  status: ExportBatchStatus;

  @Column({ name: 'produced_at', type: 'timestamptz' })
  producedAt: Date;

  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt: Date;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason: string | null;
}
