import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An office's client registered as an approved company (entreprise agréée titres-services).
 * Every query filters on office_id, or on id for the company itself.
 */
@Entity({ name: 'approved_company' })
export class ApprovedCompanyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'office_id', type: 'text' })
  officeId: string;

  /** The client (in the client directory) this company is; one company per client. */
  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @Column({ name: 'approval_number', type: 'varchar', length: 6 })
  approvalNumber: string;

  @Column({ name: 'financial_contact_name', type: 'text' })
  financialContactName: string;

  @Column({ name: 'financial_contact_email', type: 'text' })
  financialContactEmail: string;

  @Column({ name: 'financial_contact_phone', type: 'text', nullable: true })
  financialContactPhone: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'int' })
  version: number;
}
