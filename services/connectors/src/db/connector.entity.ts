import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConnectorState, ExportFormat } from '../domain/connector';
import type { CsvSeparator, DecimalMark, FileEncoding, HeaderLanguage } from '../domain/csv-conventions';

/** An office's link to one software. Every query filters on office_id. */
@Entity({ name: 'connector' })
export class ConnectorEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'office_id', type: 'text' })
  officeId: string;

  @Column({ name: 'software_id', type: 'text' })
  softwareId: string;

  @Column({ type: 'text' })
  state: ConnectorState;

  /** Layout of the daily files, one of the software's export formats. */
  @Column({ name: 'export_format', type: 'text' })
  exportFormat: ExportFormat;

  /** CSV conventions of the software, defaulted from it, overridable by the office. */
  @Column({ name: 'csv_separator', type: 'text' })
  csvSeparator: CsvSeparator;

  @Column({ name: 'csv_decimal_mark', type: 'text' })
  csvDecimalMark: DecimalMark;

  @Column({ name: 'csv_header_language', type: 'text' })
  csvHeaderLanguage: HeaderLanguage;

  /** Encoding of downloaded files (CSV and FEC). */
  @Column({ name: 'file_encoding', type: 'text' })
  fileEncoding: FileEncoding;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'validated_at', type: 'timestamptz', nullable: true })
  validatedAt: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
