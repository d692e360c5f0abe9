import type { DataSource } from 'typeorm';

/** An active IBAN as the Client extension shows it. */
export interface ActiveAccount {
  iban: string;
  clientId: string;
  activatedAt: Date;
  stoppedOn: string | null;
  refusedEntryCount: number;
}

/** The active IBANs of the office's clients among `clientIds`, in IBAN order: one statement. */
export function activeAccountsOf(
  ds: DataSource,
  officeId: string,
  clientIds: readonly string[],
): Promise<ActiveAccount[]> {
  return ds.query(
    `SELECT iban, client_id AS "clientId", activated_at AS "activatedAt",
            to_char(stopped_on, 'YYYY-MM-DD') AS "stoppedOn", refused_entry_count AS "refusedEntryCount" FROM bank_account
      WHERE office_id = $1 AND client_id = ANY($2::uuid[]) ORDER BY iban`,
    [officeId, [...clientIds]],
  ) as Promise<ActiveAccount[]>;
}
