import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A social secretariat SODA can be ordered from: platform reference data, not office-owned. */
@Entity({ name: 'social_secretariat' })
export class SocialSecretariatEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** Partners of the platform receive SODA activation requests; others cannot be ordered from. */
  @Column({ name: 'is_partner', type: 'boolean' })
  isPartner: boolean;
}
