import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';
import {
  appendToOutbox,
  DomainError,
  requireUuid,
  ValidationError,
  type OutboxEvent,
} from '@fidu/service-kit';
import type { ClientData } from '../domain/client';
import { parseClientCsv } from '../domain/client-csv';
import { validateNewClient, type NewClientInput } from '../domain/new-client';
import type { ClientEntity } from '../db/client.entity';
import {
  IMPORT_COLUMNS,
  type ClientImportRow,
  type ImportProblem as Problem,
  type RefusedRow,
} from '../db/client-import.mapping';
import { toColumns } from '../db/client.mapping';
import { clientRegisteredEvent } from '../events/client-events';

/** Rows one import may carry: the 10,000-client target with room to spare, one request still bounded. */
export const MAX_IMPORT_ROWS = 20_000;
/** Rows validated between two progress updates. */
const PROGRESS_EVERY = 1_000;
/** Events encoded between two turns of the event loop, while Postgres inserts the clients. */
const ENCODE_CHUNK = 500;

export interface ImportClientsInput {
  importId?: string | null;
  clients?: NewClientInput[] | null;
  csv?: string | null;
}

interface Row {
  row: number;
  input: NewClientInput;
}

function rowsOf(input: ImportClientsInput): { source: 'LIST' | 'CSV'; rows: Row[] } {
  if ((input.clients == null) === (input.csv == null)) {
    throw new DomainError('CLIENT_IMPORT_INPUT_INVALID', 'Send either clients or csv (one of them).', 'csv');
  }
  const source = input.csv != null ? 'CSV' : 'LIST';
  const rows =
    input.csv != null ? parseClientCsv(input.csv) : input.clients!.map((c, i) => ({ row: i + 1, input: c }));
  if (rows.length === 0)
    throw new DomainError(
      'CLIENT_IMPORT_EMPTY',
      'The import has no client rows.',
      source === 'CSV' ? 'csv' : 'clients',
    );
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new DomainError(
      'CLIENT_IMPORT_TOO_LARGE',
      `At most ${MAX_IMPORT_ROWS} clients per import; split the file.`,
      source === 'CSV' ? 'csv' : 'clients',
    );
  }
  return { source, rows };
}

/** Every row of a value seen more than once: none of them is created, as which one is meant is unknown. */
function duplicated(valid: { row: number; data: ClientData }[], key: (d: ClientData) => string | null) {
  const rowsByKey = new Map<string, number[]>();
  for (const v of valid) {
    const k = key(v.data);
    if (k !== null) rowsByKey.set(k, [...(rowsByKey.get(k) ?? []), v.row]);
  }
  return new Map([...rowsByKey].filter(([, rows]) => rows.length > 1));
}

/**
 * Bulk import of an office's clients (a list of createClient inputs, or a ;-separated CSV):
 * every row is checked with createClient's rules; refused rows are reported with their number
 * and codes (also client codes or enterprise numbers repeated in the import or already in the
 * office); the valid ones are created in one multi-row INSERT with their ClientRegistered events
 * in the outbox, in one transaction. The import's row (status, processed/total) is committed
 * first and updated while rows are checked, so `clientImport(id)` shows progress meanwhile.
 */
export async function importClients(
  ds: DataSource,
  officeId: string,
  input: ImportClientsInput,
  correlationId: string,
): Promise<ClientImportRow> {
  const id = input.importId != null ? requireUuid(input.importId, 'importId') : randomUUID();
  const { source, rows } = rowsOf(input);
  const startedAt = new Date();
  const started = (await ds.query(
    `INSERT INTO client_import (id, office_id, status, source, total, started_at) VALUES ($1, $2, 'RUNNING', $3, $4, $5)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [id, officeId, source, rows.length, startedAt],
  )) as unknown[];
  if (started.length === 0) {
    throw new DomainError(
      'CLIENT_IMPORT_ALREADY_EXISTS',
      'An import with this importId was already started.',
      'importId',
    );
  }
  try {
    return await runImport(ds, officeId, id, rows, correlationId);
  } catch (error) {
    await ds.query(`UPDATE client_import SET status = 'FAILED', finished_at = now() WHERE id = $1`, [id]);
    throw error;
  }
}

async function runImport(
  ds: DataSource,
  officeId: string,
  id: string,
  rows: Row[],
  correlationId: string,
): Promise<ClientImportRow> {
  const refused = new Map<number, RefusedRow>();
  const refuse = (row: number, clientCode: string | null, problem: Problem | Problem[]) => {
    const entry = refused.get(row) ?? { row, clientCode, problems: [] };
    entry.problems.push(...([] as Problem[]).concat(problem));
    refused.set(row, entry);
  };
  let valid: { row: number; data: ClientData }[] = [];
  for (let i = 0; i < rows.length; i++) {
    const { row, input } = rows[i]!;
    try {
      valid.push({ row, data: validateNewClient(input) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      refuse(
        row,
        typeof input.clientCode === 'string' ? input.clientCode.trim() || null : null,
        error.problems,
      );
    }
    if ((i + 1) % PROGRESS_EVERY === 0 && i + 1 < rows.length) {
      await ds.query(`UPDATE client_import SET processed = $2 WHERE id = $1`, [id, i + 1]);
    }
  }

  const codes = duplicated(valid, (d) => d.clientCode);
  const numbers = duplicated(valid, (d) => d.enterpriseNumber);
  const [takenCodes, takenNumbers] = await Promise.all([
    ds.query(`SELECT client_code AS v FROM client WHERE office_id = $1 AND client_code = ANY($2::text[])`, [
      officeId,
      valid.map((v) => v.data.clientCode),
    ]) as Promise<{ v: string }[]>,
    ds.query(
      `SELECT enterprise_number AS v FROM client WHERE office_id = $1 AND enterprise_number = ANY($2::text[])`,
      [officeId, valid.flatMap((v) => (v.data.enterpriseNumber ? [v.data.enterpriseNumber] : []))],
    ) as Promise<{ v: string }[]>,
  ]);
  const codeTaken = new Set(takenCodes.map((r) => r.v));
  const numberTaken = new Set(takenNumbers.map((r) => r.v));
  valid = valid.filter(({ row, data }) => {
    const problems: Problem[] = [];
    const en = data.enterpriseNumber;
    if (codes.has(data.clientCode))
      problems.push({
        field: 'clientCode',
        code: 'CLIENT_CODE_DUPLICATED_IN_IMPORT',
        message: `Client code ${data.clientCode} is on rows ${codes.get(data.clientCode)!.join(', ')} of this import.`,
      });
    if (codeTaken.has(data.clientCode))
      problems.push({
        field: 'clientCode',
        code: 'CLIENT_CODE_TAKEN',
        message: 'Another client of this office already has this client code.',
      });
    if (en && numbers.has(en))
      problems.push({
        field: 'enterpriseNumber',
        code: 'CLIENT_ENTERPRISE_NUMBER_DUPLICATED_IN_IMPORT',
        message: `This enterprise number is on rows ${numbers.get(en)!.join(', ')} of this import.`,
      });
    if (en && numberTaken.has(en))
      problems.push({
        field: 'enterpriseNumber',
        code: 'CLIENT_ENTERPRISE_NUMBER_TAKEN',
        message: 'Another client of this office already has this enterprise number.',
      });
    if (problems.length > 0) refuse(row, data.clientCode, problems);
    return problems.length === 0;
  });

  return ds.transaction(async (em) => {
    const now = new Date();
    const clients = valid.map(({ row, data }) => ({
      row,
      client: {
        id: randomUUID(),
        officeId,
        ...toColumns(data),
        createdAt: now,
        updatedAt: now,
        version: 1,
      } as ClientEntity,
    }));
    // The INSERT runs in Postgres while this process encodes the events (CPU): the two overlap.
    const inserting = insertClients(
      em,
      officeId,
      now,
      clients.map((c) => c.client),
    );
    const events = new Map<string, OutboxEvent>();
    for (let i = 0; i < clients.length; i += ENCODE_CHUNK) {
      await nextTurn();
      for (const { client } of clients.slice(i, i + ENCODE_CHUNK))
        events.set(client.id, clientRegisteredEvent(client, correlationId));
    }
    const inserted = await inserting;
    for (const { row, client } of clients) {
      // Created meanwhile by another request: the unique indexes had the last word.
      if (!inserted.has(client.id))
        refuse(row, client.clientCode, {
          field: 'clientCode',
          code: 'CLIENT_CODE_TAKEN',
          message: 'Another client of this office already has this client code or enterprise number.',
        });
    }
    const created = clients.filter((c) => inserted.has(c.client.id));
    await appendToOutbox(
      em,
      created.map((c) => events.get(c.client.id)!),
    );
    const refusedRows = [...refused.values()].sort((a, b) => a.row - b.row);
    // clock_timestamp(), not now(): now() is the transaction's start, before the inserts.
    const [done] = (await em.query(
      `UPDATE client_import SET status = 'DONE', processed = total, created = $2, refused = $3, refused_rows = $4::jsonb,
         finished_at = clock_timestamp() WHERE id = $1 RETURNING ${IMPORT_COLUMNS}`,
      [id, created.length, refusedRows.length, JSON.stringify(refusedRows)],
    )) as [ClientImportRow[], number];
    if (!done[0]) throw new Error(`client import ${id} vanished while running`);
    return done[0];
  });
}

/** One multi-row INSERT (arrays, so 10 parameters whatever the count); returns the ids created. */
async function insertClients(
  em: EntityManager,
  officeId: string,
  now: Date,
  clients: ClientEntity[],
): Promise<Set<string>> {
  if (clients.length === 0) return new Set();
  const col = <K extends keyof ClientEntity>(k: K) => clients.map((c) => c[k] ?? null);
  const rows = (await em.query(
    `INSERT INTO client (id, office_id, enterprise_number, company_name, client_code, email, phone, street, postal_code, city,
       country, language, created_at, updated_at, version)
     SELECT u.id, $1, u.en, u.cn, u.cc, u.em, u.ph, u.st, u.pc, u.ci, u.co, u.la, $2, $2, 1
     FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
       $12::text[], $13::text[]) AS u(id, en, cn, cc, em, ph, st, pc, ci, co, la)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      officeId,
      now,
      col('id'),
      col('enterpriseNumber'),
      col('companyName'),
      col('clientCode'),
      col('email'),
      col('phone'),
      col('street'),
      col('postalCode'),
      col('city'),
      col('country'),
      col('language'),
    ],
  )) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}
