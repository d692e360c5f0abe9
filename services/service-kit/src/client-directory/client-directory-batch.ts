import type { EntityManager } from 'typeorm';
import { ClientRegisteredSchema, ClientUpdatedSchema, isEvent, type DecodedEvent } from '@fidu/proto-events';
import type { BatchEventHandler, EventHandler } from '../events/inbox-consumer';
import { CLIENT_DIRECTORY_COLUMNS, emptyAsNull } from './client-directory';

/** The directory columns a batch writes, in the order of the unnest arrays (client_id first). */
const WRITTEN = ['office_id', ...Object.values(CLIENT_DIRECTORY_COLUMNS)];

type DirectoryRow = Record<string, string | number | null> & { version: number };

/**
 * The set-based form of `applyClientEvent` for a batch of events (in offset order, inside the
 * inbox transaction): the rows of the batch's clients are read once (locked), every event is
 * folded onto them in memory with the same version guard, and the changed rows are written in one
 * statement — three statements per batch instead of one per event. Returns, per event, the changed
 * field names, as `applyClientEvent` would have.
 */
export async function applyClientEvents(em: EntityManager, events: DecodedEvent[]): Promise<string[][]> {
  const ids = [
    ...new Set(
      events.flatMap((e) =>
        isEvent(e, ClientRegisteredSchema) || isEvent(e, ClientUpdatedSchema) ? [e.payload.clientId] : [],
      ),
    ),
  ];
  if (ids.length === 0) return events.map(() => []);
  const rows = new Map<string, DirectoryRow>();
  const current: (DirectoryRow & { client_id: string })[] = await em.query(
    `SELECT client_id, ${WRITTEN.join(', ')}, version FROM client_directory
      WHERE client_id = ANY($1::uuid[]) FOR UPDATE`,
    [ids],
  );
  for (const { client_id, ...row } of current) rows.set(client_id, row);
  const changed = new Set<string>();
  const result = events.map((event) => {
    if (isEvent(event, ClientRegisteredSchema)) {
      const p = event.payload;
      const row = rows.get(p.clientId);
      if (!row || row.version < p.version) {
        rows.set(p.clientId, {
          office_id: p.officeId,
          enterprise_number: emptyAsNull(p.enterpriseNumber),
          company_name: p.companyName,
          client_code: p.clientCode,
          email: emptyAsNull(p.email),
          phone: emptyAsNull(p.phone),
          language: p.language.toUpperCase(),
          street: emptyAsNull(p.street),
          postal_code: emptyAsNull(p.postalCode),
          city: emptyAsNull(p.city),
          country: emptyAsNull(p.country),
          version: p.version,
        });
        changed.add(p.clientId);
      }
      return Object.keys(CLIENT_DIRECTORY_COLUMNS);
    }
    if (isEvent(event, ClientUpdatedSchema)) {
      const p = event.payload;
      const row = rows.get(p.clientId);
      // Unknown client or an older event: no effect, as the guarded UPDATE of a single event.
      if (!row || row.version >= p.version) return [];
      const changes = p.changes.filter((c) => CLIENT_DIRECTORY_COLUMNS[c.field]);
      for (const c of changes)
        row[CLIENT_DIRECTORY_COLUMNS[c.field]!] =
          c.field === 'language' && c.newValue ? c.newValue.toUpperCase() : (c.newValue ?? null);
      row.version = p.version;
      changed.add(p.clientId);
      return changes.map((c) => c.field);
    }
    return [];
  });
  if (changed.size > 0) {
    const written = [...changed];
    const columns = [...WRITTEN, 'version'];
    await em.query(
      `INSERT INTO client_directory (client_id, ${columns.join(', ')}, synced_at)
       SELECT u.*, now() FROM unnest($1::uuid[], ${WRITTEN.map((_, i) => `$${i + 2}::text[]`).join(', ')},
         $${WRITTEN.length + 2}::int[]) AS u
       ON CONFLICT (client_id) DO UPDATE SET
         ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, synced_at = now()
       WHERE client_directory.version < EXCLUDED.version`,
      [written, ...columns.map((c) => written.map((id) => rows.get(id)![c] ?? null))],
    );
  }
  return result;
}

/** A client event of a batch, with the directory fields it changed (none: older or unknown). */
export interface AppliedClientEvent {
  event: DecodedEvent;
  changed: string[];
}

const isClientEvent = (e: DecodedEvent): boolean =>
  isEvent(e, ClientRegisteredSchema) || isEvent(e, ClientUpdatedSchema);

/**
 * The batch handler of a service that keeps the client directory: each run of consecutive client
 * events is applied set-based (`applyClientEvents`) and then shown to `afterClientEvents` (a
 * reaction to what changed); any other event goes to `handleOther`, one by one. The batch's order
 * is kept, so an event never overtakes one before it.
 */
export function clientDirectoryBatchHandler(options: {
  handleOther?: EventHandler;
  afterClientEvents?: (em: EntityManager, applied: AppliedClientEvent[]) => Promise<void>;
}): BatchEventHandler {
  return async (em, events) => {
    for (let start = 0; start < events.length;) {
      const clientRun = isClientEvent(events[start]!);
      let end = start + 1;
      while (end < events.length && isClientEvent(events[end]!) === clientRun) end++;
      const run = events.slice(start, end);
      if (clientRun) {
        const changed = await applyClientEvents(em, run);
        await options.afterClientEvents?.(
          em,
          run.map((event, i) => ({ event, changed: changed[i]! })),
        );
      } else if (options.handleOther) for (const event of run) await options.handleOther(em, event);
      start = end;
    }
  };
}
