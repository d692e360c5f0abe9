import type { DataSource } from 'typeorm';
import { DomainError } from '@fidu/service-kit';
import { MANAGEMENT_MODES } from '../domain/coda-mandate';
import type { ManagementSettings } from '../read-models/management-settings.read-model';

/** Sets who manages the office's mandates (the office or the platform). */
export async function setManagementMode(
  ds: DataSource,
  officeId: string,
  mode: string,
  actor: string,
): Promise<ManagementSettings> {
  if (!(MANAGEMENT_MODES as readonly string[]).includes(mode)) {
    throw new DomainError(
      'MANDATES_MANAGEMENT_MODE_INVALID',
      `mode must be one of ${MANAGEMENT_MODES.join(', ')}.`,
      'mode',
    );
  }
  const [row] = (await ds.query(
    `INSERT INTO office_mandate_settings (office_id, management_mode, updated_by) VALUES ($1, $2, $3)
     ON CONFLICT (office_id) DO UPDATE SET management_mode = EXCLUDED.management_mode, updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING management_mode AS mode, updated_at AS "updatedAt", updated_by AS "updatedBy"`,
    [officeId, mode, actor],
  )) as ManagementSettings[];
  return row!;
}
