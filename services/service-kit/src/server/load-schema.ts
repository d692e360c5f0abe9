import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/** The kit's shared operator types (parked events, scheduled jobs); it lives in src, beside the code. */
export const OPERATIONS_SCHEMA_PATH = join(__dirname, '..', '..', 'src', 'graphql', 'operations.graphql');

/** The kit's one Relay `PageInfo` type, shared by every subgraph's connections. */
export const PAGING_SCHEMA_PATH = join(__dirname, '..', '..', 'src', 'graphql', 'paging.graphql');

/** Whether a service's SDL refers to the kit's shared operator types. */
const USES_OPERATIONS = /\b(ParkedEventPage|ScheduledJob|JobRun|RunJobInput)\b/;
/** Whether it refers to PageInfo without defining it (a service that defines its own keeps it). */
const USES_PAGE_INFO = /\bPageInfo\b/;
const DEFINES_PAGE_INFO = /^\s*type\s+PageInfo\b/m;

/**
 * A subgraph's SDL as it is served and composed: its own `schema.graphql` (its contract, kept
 * beside the code), plus the kit's shared operator types and its `PageInfo` when it uses them. The gateway's
 * composition reads schemas through this too, so both always see the same subgraph.
 */
export function subgraphSdl(schemaPath: string): string {
  const own = readFileSync(schemaPath, 'utf8');
  const parts = [own];
  if (USES_OPERATIONS.test(own)) parts.push(readFileSync(OPERATIONS_SCHEMA_PATH, 'utf8'));
  // The shared operator types may use PageInfo too: look at everything appended so far.
  const sdl = parts.join('\n');
  if (USES_PAGE_INFO.test(sdl) && !DEFINES_PAGE_INFO.test(sdl))
    parts.push(readFileSync(PAGING_SCHEMA_PATH, 'utf8'));
  return parts.join('\n');
}

export function loadSchemaFile(schemaPath: string): DocumentNode {
  return parse(subgraphSdl(schemaPath));
}

/**
 * Where a service's `schema.graphql` is: beside its code in `src/`, whether the caller runs from
 * `src/` (Jest) or from `dist/` (built). Pass the calling file's `__dirname` (a file directly
 * in src/, e.g. app.ts).
 */
export function serviceSchemaPath(codeDir: string): string {
  return join(codeDir, '..', 'src', 'schema.graphql');
}

/** The service's SDL as it is served: `loadSchemaFile(serviceSchemaPath(__dirname))`. */
export function loadServiceSchema(codeDir: string): DocumentNode {
  return loadSchemaFile(serviceSchemaPath(codeDir));
}
