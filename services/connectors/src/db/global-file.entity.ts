import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The office's global file of one daily run: entries of its dossiers that are not associated. */
@Entity({ name: 'global_file' })
export class GlobalFileEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'office_id', type: 'text' })
  officeId: string;

  @Column({ name: 'business_date', type: 'date' })
  businessDate: string;

  @Column({ name: 'entry_count', type: 'int' })
  entryCount: number;

  @Column({ name: 'client_count', type: 'int' })
  clientCount: number;

  @Column({ name: 'total_credit_cents', type: 'bigint' })
  totalCreditCents: string;

  @Column({ name: 'total_debit_cents', type: 'bigint' })
  totalDebitCents: string;

  @Column({ name: 'produced_at', type: 'timestamptz' })
  producedAt: Date;
}
