/**
 * How a CODA mandate reaches a bank. With the office's mandate-management mode it decides which
 * actions a mandate offers (the possible actions depend on the kind of bank):
 * - `STANDARD`: the client signs a mandate document — on paper, or through an e-signature link
 *   when the bank accepts one — and the platform forwards it to the bank
 *   (in preparation → sent to client → signed).
 * - `ONLINE_BANKING`: the bank puts the mandate in the client's online banking, where the client
 *   signs it ("Dispo. en ligne"); there is no document to download or to sign electronically.
 * - `NOT_COMPATIBLE`: CODA cannot be ordered at this bank yet; an order stays registered until the
 *   bank becomes compatible.
 */
export const BANK_KINDS = ['STANDARD', 'ONLINE_BANKING', 'NOT_COMPATIBLE'] as const;

/** One of {@link BANK_KINDS}. */
export type BankKind = (typeof BANK_KINDS)[number];
