import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the platform "sent" the cardholder of a CARO order: one row per invitation or reminder,
 * with the link's token, so that support staff can tell a cardholder what was sent. Existing
 * orders get one row for the invitation they hold now.
 */
export class CaroInvitationMessages1732300000003 implements MigrationInterface {
  name = 'CaroInvitationMessages1732300000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE caro_invitation_message (
        id bigserial PRIMARY KEY,
        caro_order_id uuid NOT NULL REFERENCES caro_order (id),
        office_id text NOT NULL,
        reminder_number int NOT NULL,
        cardholder_email text NOT NULL,
        cardholder_mobile text NOT NULL,
        invitation_token text NOT NULL,
        expires_at timestamptz NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX caro_invitation_message_order_idx ON caro_invitation_message (caro_order_id, id)`,
    );
    await q.query(`
      INSERT INTO caro_invitation_message (caro_order_id, office_id, reminder_number, cardholder_email, cardholder_mobile,
        invitation_token, expires_at, sent_at)
      SELECT id, office_id, reminders_sent, cardholder_email, cardholder_mobile, invitation_token, invitation_expires_at, invited_at
        FROM caro_order ORDER BY created_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE caro_invitation_message`);
  }
}
