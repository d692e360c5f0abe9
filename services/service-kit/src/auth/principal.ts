/**
 * Who is calling, as derived by the gateway from the bearer token.
 * Subgraphs receive it only inside a gateway-signed header, never from the caller directly.
 */
export type PartnerType = 'SOCIAL_SECRETARIAT' | 'BANK' | 'SOFTWARE_VENDOR';

export type Principal =
  | { kind: 'office'; officeId: string; userId: string; roles: string[] }
  | { kind: 'partner'; partnerType: PartnerType; partnerId: string }
  | { kind: 'company'; companyId: string }
  | { kind: 'voucher_user'; voucherUserId: string }
  | { kind: 'operator'; userId: string }
  | { kind: 'anonymous' };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** The tenant an event or row belongs to, when the principal acts for an office. */
export function tenantOf(principal: Principal): string | undefined {
  return principal.kind === 'office' ? principal.officeId : undefined;
}
