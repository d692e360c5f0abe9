import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ExportFormat } from './connector';

/** What a signed download link grants: one file, for one office (or one software), until it expires. */
export type FileSelector =
  | { kind: 'export'; exportId: string }
  | { kind: 'global'; globalFileId: string }
  | { kind: 'dossier'; clientId: string; from: string; to: string };

export interface DownloadGrant {
  file: FileSelector;
  /** Office the file belongs to: every read is scoped by it. */
  officeId: string;
  format: ExportFormat;
  /** Expiry, epoch milliseconds. */
  exp: number;
}

/** Links live 5 minutes: long enough to start a download, short enough that a leaked one is useless. */
export const DOWNLOAD_TTL_MS = 5 * 60_000;

function mac(body: string, secret: string): Buffer {
  return createHmac('sha256', `connectors-download:${secret}`).update(body).digest();
}

/** `<base64url JSON>.<base64url HMAC-SHA256>`. */
export function signDownload(grant: DownloadGrant, secret: string): string {
  const body = Buffer.from(JSON.stringify(grant)).toString('base64url');
  return `${body}.${mac(body, secret).toString('base64url')}`;
}

/** The grant of a valid, unexpired token; null for anything else (forged, truncated, expired). */
export function verifyDownload(token: string, secret: string, now = Date.now()): DownloadGrant | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = mac(body, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const grant = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as DownloadGrant;
    return typeof grant.exp === 'number' && grant.exp > now ? grant : null;
  } catch {
    return null;
  }
}
