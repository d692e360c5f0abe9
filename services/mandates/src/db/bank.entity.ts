import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BankKind } from '../domain/bank-kind';

/** A bank CODA (and possibly CARO) can be ordered at: platform reference data, not office-owned. */
@Entity({ name: 'bank' })
export class BankEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** ISO 9362, upper case. */
  @Column({ type: 'text' })
  bic: string;

  /** Accepts a mandate signed through a Twikey-like e-signature link. */
  @Column({ name: 'supports_esignature', type: 'boolean' })
  supportsEsignature: boolean;

  /** Delivers credit-card statements (CARO). */
  @Column({ name: 'supports_caro', type: 'boolean' })
  supportsCaro: boolean;

  @Column({ type: 'text' })
  kind: BankKind;
}
