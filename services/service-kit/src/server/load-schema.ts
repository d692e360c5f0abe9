import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/** The kit's shared operator types (parked events, scheduled jobs); it lives in src, beside the code. */
export const OPERATIONS_SCHEMA_PATH = join(__dirname, '..', '..', 'src', 'graphql', 'operations.graphql');

/** Whether a service's SDL refers to the kit's shared operator types. */
const USES_OPERATIONS = /\b(ParkedEventPage|ScheduledJob|JobRun|RunJobInput)\b/;

/**
 * A subgraph's SDL as it is served and composed: its own `schema.graphql` (its contract, kept
 * beside the code), plus the kit's shared operator types when it uses them. The gateway's
 * composition reads schemas through this too, so both always see the same subgraph.
 */
export function subgraphSdl(schemaPath: string): string {
  const own = readFileSync(schemaPath, 'utf8');
  if (!USES_OPERATIONS.test(own)) return own;
  return `${own}\n${readFileSync(OPERATIONS_SCHEMA_PATH, 'utf8')}`;
}

export function loadSchemaFile(schemaPath: string): DocumentNode {
  return parse(subgraphSdl(schemaPath));
}
