import express from 'express';
import { Kind, parse, type DocumentNode } from 'graphql';

/** Mutations that may carry a body above MAX_BODY_BYTES (up to MAX_IMPORT_BODY_BYTES): bulk imports. */
export const BULK_MUTATIONS = new Set(['importClients']);
/** A bulk import's query text is short; its data travels in the variables. */
const MAX_BULK_QUERY_CHARS = 10_000;

/** True when the body is one operation, a mutation whose only field is a bulk import. */
export function isBulkImport(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const query = (body as { query?: unknown }).query;
  if (typeof query !== 'string' || query.length > MAX_BULK_QUERY_CHARS) return false;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return false;
  }
  const [operation, ...others] = document.definitions;
  if (others.length > 0 || operation?.kind !== Kind.OPERATION_DEFINITION) return false;
  if (operation.operation !== 'mutation') return false;
  const [field, ...more] = operation.selectionSet.selections;
  return more.length === 0 && field?.kind === Kind.FIELD && BULK_MUTATIONS.has(field.name.value);
}

/**
 * The JSON body parser of /graphql: bodies up to `maxBodyBytes`, and up to `maxImportBodyBytes`
 * only for a bulk import (10,000 clients are a few MB). Anything else above the normal limit is
 * refused with 413 REQUEST_TOO_LARGE, as before.
 */
export function graphqlBodyParser(limits: {
  maxBodyBytes: number;
  maxImportBodyBytes: number;
}): express.RequestHandler[] {
  return [
    express.json({
      limit: Math.max(limits.maxBodyBytes, limits.maxImportBodyBytes),
      verify: (_req, res, buf) => {
        (res as express.Response).locals.bodyBytes = buf.length;
      },
    }),
    (req, res, next) => {
      const bytes = Number(res.locals.bodyBytes ?? 0);
      if (bytes > limits.maxBodyBytes && !isBulkImport(req.body)) {
        res.status(413).json({
          errors: [{ message: 'Request too large.', extensions: { code: 'REQUEST_TOO_LARGE' } }],
        });
        return;
      }
      next();
    },
  ];
}
