import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A worker of an approved company; carries its company's office id so tenancy filters stay local. */
@Entity({ name: 'worker' })
export class WorkerEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'office_id', type: 'text' })
  officeId: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName: string;

  /** National number (NISS/INSZ), 11 digits; null when not given. */
  @Column({ type: 'varchar', length: 11, nullable: true })
  niss: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
