import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Softwares and providers used by accounting offices in Belgium and France. FEC is offered where the
 * software imports the French layout (French products and those sold in France); CSV everywhere.
 */
const SOFTWARES: [id: string, name: string, kind: 'ACCOUNTING_SOFTWARE' | 'PROVIDER', formats: string[]][] = [
  ['exact-online', 'Exact Online', 'ACCOUNTING_SOFTWARE', ['FEC', 'CSV']],
  ['octopus', 'Octopus', 'ACCOUNTING_SOFTWARE', ['CSV']],
  ['yuki', 'Yuki', 'ACCOUNTING_SOFTWARE', ['CSV']],
  ['winbooks', 'WinBooks', 'ACCOUNTING_SOFTWARE', ['CSV']],
  ['bob50', 'BOB 50 (Sage)', 'ACCOUNTING_SOFTWARE', ['CSV']],
  ['horus', 'Horus', 'ACCOUNTING_SOFTWARE', ['CSV']],
  ['popsy', 'Popsy', 'ACCOUNTING_SOFTWARE', ['CSV']],
  ['cegid', 'Cegid', 'ACCOUNTING_SOFTWARE', ['FEC', 'CSV']],
  ['pennylane', 'Pennylane', 'ACCOUNTING_SOFTWARE', ['FEC', 'CSV']],
  ['clearfacts', 'ClearFacts', 'PROVIDER', ['CSV']],
];

export class SeedConnectorSoftwares1732300000001 implements MigrationInterface {
  name = 'SeedConnectorSoftwares1732300000001';

  async up(q: QueryRunner): Promise<void> {
    for (const [id, name, kind, formats] of SOFTWARES) {
      await q.query(
        `INSERT INTO connector_software (id, name, kind, export_formats) VALUES ($1, $2, $3, $4)`,
        [id, name, kind, formats],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM connector_software WHERE id = ANY($1)`, [SOFTWARES.map(([id]) => id)]);
  }
}
