import type { DataSource } from 'typeorm';
import { DomainError } from '@fidu/service-kit';
import { CARO_COLUMNS, type CaroOrderRow } from '../db/mandate.mapping';
import { moveCaroOrder } from './caro-transitions';

/** The last 4 characters, so a message can name a reference without showing it whole. */
const tail = (reference: string) => `…${reference.slice(-4)}`;

/**
 * The cardholder consents through the invitation link. A card that does not match the order's
 * reference sends the order to PROBLEM with the reason; it is not an error for the
 * cardholder, who simply sees the outcome.
 */
export function consentToCaro(
  ds: DataSource,
  input: { invitationToken: string; cardReference: string },
  correlationId: string,
  now = new Date(),
) {
  const token = typeof input.invitationToken === 'string' ? input.invitationToken.trim() : '';
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token))
    throw new DomainError('CARO_INVITATION_UNKNOWN', 'This invitation link is not valid.', 'invitationToken');
  return ds.transaction(async (em) => {
    const [order] = (await em.query(
      `SELECT ${CARO_COLUMNS} FROM caro_order WHERE invitation_token = $1 FOR UPDATE`,
      [token],
    )) as CaroOrderRow[];
    if (!order)
      throw new DomainError(
        'CARO_INVITATION_UNKNOWN',
        'This invitation link is not valid.',
        'invitationToken',
      );
    if (
      order.state === 'INVITATION_EXPIRED' ||
      (order.state === 'INVITATION_SENT' && order.invitationExpiresAt.getTime() <= now.getTime())
    ) {
      throw new DomainError(
        'CARO_INVITATION_EXPIRED',
        'This invitation has expired; ask your accountant for a new one.',
        'invitationToken',
      );
    }
    if (order.state !== 'INVITATION_SENT')
      throw new DomainError(
        'CARO_INVITATION_USED',
        'This invitation was already answered or withdrawn.',
        'invitationToken',
      );
    const card = (input.cardReference ?? '').replace(/\s/g, '').toUpperCase();
    if (!card)
      throw new DomainError(
        'CARO_CARD_REFERENCE_REQUIRED',
        'Name the card you consent for.',
        'cardReference',
      );
    const caller = { actor: 'cardholder', correlationId };
    if (card === order.clientReference)
      return moveCaroOrder(em, order, 'ACTIVE', 'Cardholder consented with the matching card', caller);
    return moveCaroOrder(
      em,
      order,
      'PROBLEM',
      `The card used to consent (${tail(card)}) does not match the client reference of the order (${tail(order.clientReference)})`,
      caller,
    );
  });
}
