import { join } from 'node:path';

/** The contract beside the code; the same path works from src/ (tests) and dist/ (built). */
export const SCHEMA_PATH = join(__dirname, '..', 'src', 'schema.graphql');
