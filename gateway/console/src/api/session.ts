/** The signed-in principal: the bearer token (sessionStorage, so it ends with the tab) and its kind. */
export type PrincipalKind = 'office' | 'company' | 'voucher_user' | 'partner' | 'operator';

export interface Session {
  token: string;
  kind: PrincipalKind;
  /** BANK / SOCIAL_SECRETARIAT for partners. */
  partnerType?: string;
  label: string;
}

const KEY = 'fidu.session';

/** Reads the claims of our JWT (not verified here: the gateway verifies every request). */
export function sessionFromToken(token: string): Session | null {
  try {
    const part = token.split('.')[1] ?? '';
    const claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, string>;
    const kind = claims.kind as PrincipalKind;
    if (!['office', 'company', 'voucher_user', 'partner', 'operator'].includes(kind)) return null;
    const label = claims.office_id ?? claims.company_id ?? claims.partner_id ?? claims.sub ?? kind;
    return { token, kind, partnerType: claims.partner_type, label };
  } catch {
    return null;
  }
}

export function loadSession(): Session | null {
  const token = sessionStorage.getItem(KEY);
  return token ? sessionFromToken(token) : null;
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, session.token);
  else sessionStorage.removeItem(KEY);
}
