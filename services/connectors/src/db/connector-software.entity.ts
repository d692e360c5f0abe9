import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Reference data shipped with the product (seeded by migration): a software or provider a connector can target. */
@Entity({ name: 'connector_software' })
export class ConnectorSoftwareEntity {
  /** Stable slug, e.g. `exact-online`. */
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'export_formats', type: 'text', array: true })
  exportFormats: string[];
}
