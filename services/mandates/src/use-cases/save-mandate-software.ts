import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DomainError } from '@fidu/service-kit';
import { MANDATE_SERVICES, type MandateService } from '../domain/mandate-service';
import { mapDuplicate, optionalId, requireName } from './reference-data-input';

/** An operator adds or edits an accounting software and what it imports. */
export async function saveMandateSoftware(
  ds: DataSource,
  input: { id?: string | null; name: string; imports: MandateService[] },
) {
  const id = optionalId(input.id) ?? randomUUID();
  const name = requireName(input.name);
  const imports = MANDATE_SERVICES.filter((s) => (input.imports ?? []).includes(s));
  if (imports.length === 0)
    throw new DomainError('SOFTWARE_IMPORTS_REQUIRED', 'A software imports at least one service.', 'imports');
  try {
    const rows = (await ds.query(
      `INSERT INTO mandate_software (id, name, imports) VALUES ($1, $2, $3::text[])
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, imports = EXCLUDED.imports
       RETURNING id, name, imports`,
      [id, name, imports],
    )) as { id: string; name: string; imports: MandateService[] }[];
    return rows[0]!;
  } catch (error) {
    return mapDuplicate(error);
  }
}
