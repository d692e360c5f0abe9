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

/**
 * Who did something, as histories and events record it (one format in every service):
 * `office:<office id>/<user id>`, `partner:<type>:<id>`, `operator:<user id>`, `company:<id>`,
 * `voucher_user:<id>` or `anonymous`. Jobs and event handlers write their own (`system`, …).
 */
export function actorOf(principal: Principal): string {
  switch (principal.kind) {
    case 'office':
      return `office:${principal.officeId}/${principal.userId}`;
    case 'partner':
      return `partner:${principal.partnerType}:${principal.partnerId}`;
    case 'operator':
      return `operator:${principal.userId}`;
    case 'company':
      return `company:${principal.companyId}`;
    case 'voucher_user':
      return `voucher_user:${principal.voucherUserId}`;
    case 'anonymous':
      return 'anonymous';
  }
}
