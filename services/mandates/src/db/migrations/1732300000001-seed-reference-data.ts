import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { BankKind } from '../../domain/bank-kind';
import type { MandateService } from '../../domain/mandate-service';

/** Seeded banks. */
export const SEED_BANKS: readonly {
  id: string;
  name: string;
  bic: string;
  supportsEsignature: boolean;
  supportsCaro: boolean;
  kind: BankKind;
}[] = [
  {
    id: 'ba000000-0000-4000-8000-000000000001',
    name: 'BNP Paribas Fortis',
    bic: 'GEBABEBB',
    supportsEsignature: false,
    supportsCaro: true,
    kind: 'ONLINE_BANKING',
  },
  {
    id: 'ba000000-0000-4000-8000-000000000002',
    name: 'KBC',
    bic: 'KREDBEBB',
    supportsEsignature: false,
    supportsCaro: true,
    kind: 'ONLINE_BANKING',
  },
  {
    id: 'ba000000-0000-4000-8000-000000000003',
    name: 'Belfius',
    bic: 'GKCCBEBB',
    supportsEsignature: false,
    supportsCaro: true,
    kind: 'ONLINE_BANKING',
  },
  {
    id: 'ba000000-0000-4000-8000-000000000004',
    name: 'ING',
    bic: 'BBRUBEBB',
    supportsEsignature: false,
    supportsCaro: true,
    kind: 'ONLINE_BANKING',
  },
  {
    id: 'ba000000-0000-4000-8000-000000000005',
    name: 'CBC Banque',
    bic: 'CREGBEBB',
    supportsEsignature: false,
    supportsCaro: false,
    kind: 'ONLINE_BANKING',
  },
  {
    id: 'ba000000-0000-4000-8000-000000000006',
    name: 'Argenta',
    bic: 'ARSPBE22',
    supportsEsignature: true,
    supportsCaro: false,
    kind: 'STANDARD',
  },
  {
    id: 'ba000000-0000-4000-8000-000000000007',
    name: 'Crelan',
    bic: 'NICABEBB',
    supportsEsignature: true,
    supportsCaro: false,
    kind: 'STANDARD',
  },
  {
    id: 'ba000000-0000-4000-8000-000000000008',
    name: 'Beobank',
    bic: 'CTBKBEBX',
    supportsEsignature: false,
    supportsCaro: false,
    kind: 'STANDARD',
  },
  {
    id: 'ba000000-0000-4000-8000-000000000009',
    name: 'vdk bank',
    bic: 'VDSPBE91',
    supportsEsignature: true,
    supportsCaro: false,
    kind: 'STANDARD',
  },
  {
    id: 'ba000000-0000-4000-8000-00000000000a',
    name: 'Triodos Bank',
    bic: 'TRIOBEBB',
    supportsEsignature: true,
    supportsCaro: false,
    kind: 'STANDARD',
  },
  {
    id: 'ba000000-0000-4000-8000-00000000000b',
    name: 'bpost bank',
    bic: 'BPOTBEB1',
    supportsEsignature: false,
    supportsCaro: false,
    kind: 'STANDARD',
  },
  {
    id: 'ba000000-0000-4000-8000-00000000000c',
    name: 'Keytrade Bank',
    bic: 'KEYTBEBB',
    supportsEsignature: true,
    supportsCaro: false,
    kind: 'STANDARD',
  },
  {
    id: 'ba000000-0000-4000-8000-00000000000d',
    name: 'Nagelmackers',
    bic: 'NAGEBEBB',
    supportsEsignature: true,
    supportsCaro: false,
    kind: 'STANDARD',
  },
  {
    id: 'ba000000-0000-4000-8000-00000000000e',
    name: 'Revolut Bank',
    bic: 'REVOBEB2',
    supportsEsignature: false,
    supportsCaro: false,
    kind: 'NOT_COMPATIBLE',
  },
  {
    id: 'ba000000-0000-4000-8000-00000000000f',
    name: 'Wise',
    bic: 'TRWIBEB1',
    supportsEsignature: false,
    supportsCaro: false,
    kind: 'NOT_COMPATIBLE',
  },
];

/** Seeded social secretariats; UCM is known to offices but not a partner of the platform. */
export const SEED_SOCIAL_SECRETARIATS: readonly { id: string; name: string; isPartner: boolean }[] = [
  { id: '5ec00000-0000-4000-8000-000000000001', name: 'Securex', isPartner: true },
  { id: '5ec00000-0000-4000-8000-000000000002', name: 'SD Worx', isPartner: true },
  { id: '5ec00000-0000-4000-8000-000000000003', name: 'Partena Professional', isPartner: true },
  { id: '5ec00000-0000-4000-8000-000000000004', name: 'Group S', isPartner: true },
  { id: '5ec00000-0000-4000-8000-000000000005', name: 'Liantis', isPartner: true },
  { id: '5ec00000-0000-4000-8000-000000000006', name: 'Acerta', isPartner: true },
  { id: '5ec00000-0000-4000-8000-000000000007', name: 'UCM', isPartner: false },
];

/** Seeded accounting software; Yuki cannot import SODA (it offers no payroll import). */
export const SEED_MANDATE_SOFTWARES: readonly { id: string; name: string; imports: MandateService[] }[] = [
  { id: '50f70000-0000-4000-8000-000000000001', name: 'Exact Online', imports: ['CODA', 'SODA', 'CARO'] },
  { id: '50f70000-0000-4000-8000-000000000002', name: 'Octopus', imports: ['CODA', 'SODA', 'CARO'] },
  { id: '50f70000-0000-4000-8000-000000000003', name: 'WinBooks', imports: ['CODA', 'SODA', 'CARO'] },
  { id: '50f70000-0000-4000-8000-000000000004', name: 'Horus', imports: ['CODA', 'SODA', 'CARO'] },
  { id: '50f70000-0000-4000-8000-000000000005', name: 'Sage BOB 50', imports: ['CODA', 'SODA'] },
  { id: '50f70000-0000-4000-8000-000000000006', name: 'Kluwer Expert/M Plus', imports: ['CODA', 'SODA'] },
  { id: '50f70000-0000-4000-8000-000000000007', name: 'Venice', imports: ['CODA', 'SODA'] },
  { id: '50f70000-0000-4000-8000-000000000008', name: 'Odoo', imports: ['CODA', 'SODA'] },
  { id: '50f70000-0000-4000-8000-000000000009', name: 'Admisol', imports: ['CODA', 'SODA'] },
  { id: '50f70000-0000-4000-8000-00000000000a', name: 'Yuki', imports: ['CODA', 'CARO'] },
];

/**
 * Fills the reference tables with the rows above. Ids are fixed so that partner credentials (a
 * bank or a social secretariat is a partner principal whose partnerId is the row id), demo data and
 * later migrations can name a row; they read as "ba…" banks, "5ec…" secretariats, "50f7…" software.
 * Capabilities are illustrative of the Belgian market, not a statement about any institution.
 */
export class SeedReferenceData1732300000001 implements MigrationInterface {
  name = 'SeedReferenceData1732300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO bank (id, name, bic, supports_esignature, supports_caro, kind)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[], $5::boolean[], $6::text[])`,
      [
        SEED_BANKS.map((b) => b.id),
        SEED_BANKS.map((b) => b.name),
        SEED_BANKS.map((b) => b.bic),
        SEED_BANKS.map((b) => b.supportsEsignature),
        SEED_BANKS.map((b) => b.supportsCaro),
        SEED_BANKS.map((b) => b.kind),
      ],
    );
    await q.query(
      `INSERT INTO social_secretariat (id, name, is_partner) SELECT * FROM unnest($1::uuid[], $2::text[], $3::boolean[])`,
      [
        SEED_SOCIAL_SECRETARIATS.map((s) => s.id),
        SEED_SOCIAL_SECRETARIATS.map((s) => s.name),
        SEED_SOCIAL_SECRETARIATS.map((s) => s.isPartner),
      ],
    );
    // unnest flattens a two-dimensional array, so each row's imports travel as one text value.
    await q.query(
      `INSERT INTO mandate_software (id, name, imports)
       SELECT id, name, string_to_array(imports, ',') FROM unnest($1::uuid[], $2::text[], $3::text[]) AS s(id, name, imports)`,
      [
        SEED_MANDATE_SOFTWARES.map((s) => s.id),
        SEED_MANDATE_SOFTWARES.map((s) => s.name),
        SEED_MANDATE_SOFTWARES.map((s) => s.imports.join(',')),
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM mandate_software WHERE id = ANY($1::uuid[])`, [
      SEED_MANDATE_SOFTWARES.map((s) => s.id),
    ]);
    await q.query(`DELETE FROM social_secretariat WHERE id = ANY($1::uuid[])`, [
      SEED_SOCIAL_SECRETARIATS.map((s) => s.id),
    ]);
    await q.query(`DELETE FROM bank WHERE id = ANY($1::uuid[])`, [SEED_BANKS.map((b) => b.id)]);
  }
}
