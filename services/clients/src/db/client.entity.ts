import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One client (dossier) of an office. Every query filters on office_id. */
@Entity({ name: 'client' })
export class ClientEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'office_id', type: 'text' })
  officeId: string;

  @Column({ name: 'enterprise_number', type: 'varchar', length: 10, nullable: true })
  enterpriseNumber: string | null;

  @Column({ name: 'company_name', type: 'text' })
  companyName: string;

  @Column({ name: 'client_code', type: 'text' })
  clientCode: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  street: string | null;

  @Column({ name: 'postal_code', type: 'text', nullable: true })
  postalCode: string | null;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Column({ type: 'text', nullable: true })
  country: string | null;

  @Column({ type: 'text' })
  language: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'int' })
  version: number;
}
