import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_MANAGEMENT_MODE, type ManagementMode } from '../domain/coda-mandate';

export interface ManagementSettings {
  mode: ManagementMode;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** The office's mandate-management mode; the default when it never chose. */
export async function managementSettingsOf(
  db: DataSource | EntityManager,
  officeId: string,
): Promise<ManagementSettings> {
  const [row] = (await db.query(
    `SELECT management_mode AS mode, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM office_mandate_settings WHERE office_id = $1`,
    [officeId],
  )) as ManagementSettings[];
  return row ?? { mode: DEFAULT_MANAGEMENT_MODE, updatedAt: null, updatedBy: null };
}
