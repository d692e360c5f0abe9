import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import { ClientRegisteredSchema, ClientUpdatedSchema, isEvent, type DecodedEvent } from '@fidu/proto-events';

/** What a service knows of a client, as last told by the clients service. */
export interface ClientDirectoryEntry {
  clientId: string;
  officeId: string;
  enterpriseNumber: string | null;
  companyName: string;
  clientCode: string;
  email: string | null;
  phone: string | null;
  language: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  version: number;
  syncedAt: Date;
}

/** Event field name → column. */
export const CLIENT_DIRECTORY_COLUMNS: Record<string, string> = {
  enterpriseNumber: 'enterprise_number',
  companyName: 'company_name',
  clientCode: 'client_code',
  email: 'email',
  phone: 'phone',
  language: 'language',
  street: 'street',
  postalCode: 'postal_code',
  city: 'city',
  country: 'country',
};

export const emptyAsNull = (s: string) => (s === '' ? null : s);

/**
 * Applies a clients event to the directory, inside the inbox transaction. Returns the changed
 * field names (empty when the event was not a client event or was older than what we have), so a
 * service can react to what changed (e.g. mandates regenerating documents).
 */
export async function applyClientEvent(em: EntityManager, event: DecodedEvent): Promise<string[]> {
  if (isEvent(event, ClientRegisteredSchema)) {
    const p = event.payload;
    await em.query(
      `INSERT INTO client_directory (client_id, office_id, enterprise_number, company_name, client_code, email, phone,
         language, street, postal_code, city, country, version, synced_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13, now())
       ON CONFLICT (client_id) DO UPDATE SET office_id = EXCLUDED.office_id, enterprise_number = EXCLUDED.enterprise_number,
         company_name = EXCLUDED.company_name, client_code = EXCLUDED.client_code, email = EXCLUDED.email,
         phone = EXCLUDED.phone, language = EXCLUDED.language, street = EXCLUDED.street, postal_code = EXCLUDED.postal_code,
         city = EXCLUDED.city, country = EXCLUDED.country, version = EXCLUDED.version, synced_at = now()
       WHERE client_directory.version < EXCLUDED.version`,
      [
        p.clientId,
        p.officeId,
        emptyAsNull(p.enterpriseNumber),
        p.companyName,
        p.clientCode,
        emptyAsNull(p.email),
        emptyAsNull(p.phone),
        p.language.toUpperCase(),
        emptyAsNull(p.street),
        emptyAsNull(p.postalCode),
        emptyAsNull(p.city),
        emptyAsNull(p.country),
        p.version,
      ],
    );
    return Object.keys(CLIENT_DIRECTORY_COLUMNS);
  }
  if (isEvent(event, ClientUpdatedSchema)) {
    const p = event.payload;
    const changes = p.changes.filter((c) => CLIENT_DIRECTORY_COLUMNS[c.field]);
    const params: unknown[] = [p.clientId, p.version];
    const sets = changes.map((c) => {
      params.push(c.field === 'language' && c.newValue ? c.newValue.toUpperCase() : (c.newValue ?? null));
      return `${CLIENT_DIRECTORY_COLUMNS[c.field]} = $${params.length}`;
    });
    // Events of one client arrive in order (keyed by client id); the version guard makes a
    // replay of an older event harmless anyway.
    const [, updated] = (await em.query(
      `UPDATE client_directory SET ${[...sets, 'version = $2', 'synced_at = now()'].join(', ')}
        WHERE client_id = $1 AND version < $2`,
      params,
    )) as [unknown, number];
    return updated > 0 ? changes.map((c) => c.field) : [];
  }
  return [];
}

interface Row {
  client_id: string;
  office_id: string;
  enterprise_number: string | null;
  company_name: string;
  client_code: string;
  email: string | null;
  phone: string | null;
  language: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  version: number;
  synced_at: Date;
}

function toEntry(r: Row): ClientDirectoryEntry {
  return {
    clientId: r.client_id,
    officeId: r.office_id,
    enterpriseNumber: r.enterprise_number,
    companyName: r.company_name,
    clientCode: r.client_code,
    email: r.email,
    phone: r.phone,
    language: r.language,
    street: r.street,
    postalCode: r.postal_code,
    city: r.city,
    country: r.country,
    version: r.version,
    syncedAt: r.synced_at,
  };
}

/** Reads directory entries of one office; others' clients are simply not found. */
export async function findClientsInDirectory(
  db: DataSource | EntityManager,
  officeId: string,
  clientIds: readonly string[],
): Promise<ClientDirectoryEntry[]> {
  const rows: Row[] = await db.query(
    `SELECT * FROM client_directory WHERE office_id = $1 AND client_id = ANY($2::uuid[])`,
    [officeId, [...clientIds]],
  );
  return rows.map(toEntry);
}

/** Per-request loader over the directory, scoped to the caller's office (null = unknown here). */
export function createClientDirectoryLoader(ds: DataSource, officeId: string | undefined) {
  return new DataLoader<string, ClientDirectoryEntry | null>(async (ids) => {
    if (!officeId) return ids.map(() => null);
    const byId = new Map((await findClientsInDirectory(ds, officeId, ids)).map((e) => [e.clientId, e]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
