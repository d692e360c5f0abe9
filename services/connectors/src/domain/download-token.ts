import { signLink, verifyLink, type LinkKey } from '@fidu/service-kit/domain';
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

const keyOf = (secret: string): LinkKey => ({ secret, purpose: 'connectors-download' });

/** The kit's signed link (jose) carrying the grant. */
export function signDownload(grant: DownloadGrant, secret: string): Promise<string> {
  return signLink(grant, keyOf(secret), grant.exp);
}

/** The grant of a valid, unexpired token; null for anything else (forged, truncated, expired). */
export async function verifyDownload(
  token: string,
  secret: string,
  now = Date.now(),
): Promise<DownloadGrant | null> {
  const grant = await verifyLink<DownloadGrant>(token, keyOf(secret), now);
  return grant && typeof grant.exp === 'number' && grant.exp > now ? grant : null;
}
