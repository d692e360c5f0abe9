import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MandateService } from '../domain/mandate-service';

/** An accounting software the ordered files are delivered to, with what it can import. */
@Entity({ name: 'mandate_software' })
export class MandateSoftwareEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** The services whose files it can import, in CODA, SODA, CARO order. */
  @Column({ type: 'text', array: true })
  imports: MandateService[];
}
