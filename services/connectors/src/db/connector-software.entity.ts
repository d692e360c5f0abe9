import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CsvSeparator, DecimalMark, FileEncoding, HeaderLanguage } from '../domain/csv-conventions';
import type { ExportFormat } from '../domain/connector';

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
  exportFormats: ExportFormat[];

  /** The CSV conventions the software usually imports: a new connector's defaults. */
  @Column({ name: 'csv_separator', type: 'text' })
  csvSeparator: CsvSeparator;

  @Column({ name: 'csv_decimal_mark', type: 'text' })
  csvDecimalMark: DecimalMark;

  @Column({ name: 'csv_header_language', type: 'text' })
  csvHeaderLanguage: HeaderLanguage;

  @Column({ name: 'file_encoding', type: 'text' })
  fileEncoding: FileEncoding;
}
