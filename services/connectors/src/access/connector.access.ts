import { requireOffice, type Principal } from '@fidu/service-kit/domain';

/**
 * Connectors, associations, global files and dossier files belong to an accounting office: only an
 * office principal reads or changes them, and only its own office's. Returns that office.
 */
export function connectorOfficeOf(principal: Principal): string {
  return requireOffice(principal).officeId;
}

/**
 * The same rule for the fields this service adds to a Client: another caller gets null rather than
 * an error, so a list of clients never fails because of them.
 */
export function connectorOfficeOrNull(principal: Principal): string | null {
  return principal.kind === 'office' ? principal.officeId : null;
}
