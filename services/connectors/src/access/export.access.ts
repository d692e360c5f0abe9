import { forbidden, unauthenticated, type Principal } from '@fidu/service-kit/domain';
import type { ExportReader } from '../domain/export-reader';

/** Only the office a batch belongs to, or the software vendor it is addressed to, may see it. */
export function exportReaderOf(principal: Principal): ExportReader {
  if (principal.kind === 'office') return { officeId: principal.officeId };
  if (principal.kind === 'partner' && principal.partnerType === 'SOFTWARE_VENDOR')
    return { softwareId: principal.partnerId };
  if (principal.kind === 'anonymous') throw unauthenticated();
  throw forbidden('Only an accounting office or the software a file is for can see exports.');
}

/**
 * Only the software vendor a batch is addressed to reports how its import went. Returns the
 * software it speaks for (its partnerId is the connector software slug, e.g. octopus).
 */
export function softwareVendorOf(principal: Principal): string {
  if (principal.kind === 'anonymous') throw unauthenticated();
  if (principal.kind !== 'partner' || principal.partnerType !== 'SOFTWARE_VENDOR')
    throw forbidden('Only the software vendor can do this.');
  return principal.partnerId;
}

/** Only a platform operator runs the daily export before its time; returns the operator's user id. */
export function dailyExportOperatorOf(principal: Principal): string {
  if (principal.kind === 'anonymous') throw unauthenticated();
  if (principal.kind !== 'operator')
    throw forbidden('Only a platform operator can run the daily export early.');
  return principal.userId;
}
