import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { mapDuplicate, optionalId, requireName } from './reference-data-input';

/** An operator adds or edits a social secretariat. */
export async function saveSocialSecretariat(
  ds: DataSource,
  input: { id?: string | null; name: string; isPartner: boolean },
) {
  const id = optionalId(input.id) ?? randomUUID();
  const name = requireName(input.name);
  try {
    const rows = (await ds.query(
      `INSERT INTO social_secretariat (id, name, is_partner) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, is_partner = EXCLUDED.is_partner
       RETURNING id, name, is_partner AS "isPartner"`,
      [id, name, Boolean(input.isPartner)],
    )) as { id: string; name: string; isPartner: boolean }[];
    return rows[0]!;
  } catch (error) {
    return mapDuplicate(error);
  }
}
