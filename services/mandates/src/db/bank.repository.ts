import type { DataSource, EntityManager } from 'typeorm';
import type { BankKind } from '../domain/bank-kind';

/** A bank as the use cases need it. */
export interface BankRow {
  id: string;
  name: string;
  bic: string;
  kind: BankKind;
  supportsEsignature: boolean;
  supportsCaro: boolean;
}

export async function findBank(db: DataSource | EntityManager, bankId: string): Promise<BankRow | undefined> {
  const [bank] = (await db.query(
    `SELECT id, name, bic, kind, supports_esignature AS "supportsEsignature", supports_caro AS "supportsCaro" FROM bank WHERE id = $1`,
    [bankId],
  )) as BankRow[];
  return bank;
}
