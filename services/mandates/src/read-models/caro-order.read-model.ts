import {
  DomainError,
  keyCursor,
  keysetSql,
  pageSize,
  requireUuid,
  toConnection,
  type KeysetOrder,
} from '@fidu/service-kit';
import { CARO_STATES, type CaroState } from '../domain/caro-order';
import { CARO_COLUMNS, type CaroOrderRow } from '../db/mandate.mapping';
import { officePage, type Page, type PageArgs, type ReadDb } from './mandate-page';

/** The office's CARO orders, newest first. */
export function officeCaroOrders(
  db: ReadDb,
  officeId: string,
  filter: { clientId?: string | null; state?: CaroState | null } | null | undefined,
  args: PageArgs,
): Promise<Page<CaroOrderRow>> {
  const f = filter ?? {};
  return officePage<CaroOrderRow>(
    db,
    officeId,
    {
      table: 'caro_order',
      columns: CARO_COLUMNS,
      filters: {
        client_id: f.clientId ? requireUuid(f.clientId, 'filter.clientId') : null,
        state: f.state,
      },
    },
    args,
  );
}

/** Clients by id: a client's cursor is its id. */
const BY_CLIENT_ID: KeysetOrder<{ id: string }> = {
  columns: ['client_id'],
  kinds: ['uuid'],
  direction: 'ASC',
  positionOf: (row) => [row.id],
};

/** The office's clients having a CARO order in a state, by client id (keyset on the id). */
export async function clientsByCaroState(
  db: ReadDb,
  officeId: string,
  state: CaroState,
  args: PageArgs,
): Promise<Page<{ id: string }>> {
  if (!(CARO_STATES as readonly string[]).includes(state))
    throw new DomainError('CARO_STATE_INVALID', 'Unknown CARO state.', 'state');
  const first = pageSize(args.first);
  const params: unknown[] = [officeId, state];
  const keyset = keysetSql(BY_CLIENT_ID, args.after, params);
  const [{ n }] = (await db.query(
    `SELECT count(DISTINCT client_id)::int AS n FROM caro_order WHERE office_id = $1 AND state = $2`,
    [officeId, state],
  )) as [{ n: number }];
  params.push(first + 1);
  const rows = (await db.query(
    `SELECT DISTINCT client_id AS id FROM caro_order WHERE office_id = $1 AND state = $2
       ${keyset.where ? `AND ${keyset.where}` : ''} ORDER BY ${keyset.orderBy} LIMIT $${params.length}`,
    params,
  )) as { id: string }[];
  return toConnection(rows, { first, cursorOf: keyCursor(BY_CLIENT_ID.positionOf), totalCount: n });
}

/** One invitation or reminder the platform "sent" a cardholder (support staff read them). */
export interface CaroInvitationMessageRow {
  id: string;
  caroOrderId: string;
  reminderNumber: number;
  cardholderEmail: string;
  cardholderMobile: string;
  invitationToken: string;
  expiresAt: Date;
  sentAt: Date;
  current: boolean;
}

/**
 * The messages sent for an order, oldest first; `current` = its link still opens the order.
 * CARO_ORDER_NOT_FOUND when there is no such order (support reads any office's orders).
 */
export async function caroInvitationMessages(
  db: ReadDb,
  caroOrderId: string,
): Promise<CaroInvitationMessageRow[]> {
  const found: unknown[] = await db.query(`SELECT 1 FROM caro_order WHERE id = $1`, [caroOrderId]);
  if (found.length === 0) throw new DomainError('CARO_ORDER_NOT_FOUND', 'No such CARO order.', 'caroOrderId');
  return db.query(
    `SELECT m.id::text AS id, m.caro_order_id AS "caroOrderId", m.reminder_number AS "reminderNumber",
            m.cardholder_email AS "cardholderEmail", m.cardholder_mobile AS "cardholderMobile",
            m.invitation_token AS "invitationToken", m.expires_at AS "expiresAt", m.sent_at AS "sentAt",
            (m.invitation_token = o.invitation_token) AS current
       FROM caro_invitation_message m JOIN caro_order o ON o.id = m.caro_order_id
      WHERE m.caro_order_id = $1 ORDER BY m.id`,
    [caroOrderId],
  ) as Promise<CaroInvitationMessageRow[]>;
}
