import { BANK_KINDS } from '../../domain/bank-kind';
import { isBic } from '@fidu/service-kit/domain';
import { MANDATE_SERVICES } from '../../domain/mandate-service';
import {
  SEED_BANKS,
  SEED_MANDATE_SOFTWARES,
  SEED_SOCIAL_SECRETARIATS,
} from './1732300000001-seed-reference-data';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('seeded reference data', () => {
  const all = [...SEED_BANKS, ...SEED_SOCIAL_SECRETARIATS, ...SEED_MANDATE_SOFTWARES];

  it('has unique, well-formed ids and names', () => {
    expect(all.every((row) => UUID.test(row.id))).toBe(true);
    expect(new Set(all.map((row) => row.id)).size).toBe(all.length);
    for (const rows of [SEED_BANKS, SEED_SOCIAL_SECRETARIATS, SEED_MANDATE_SOFTWARES]) {
      expect(new Set(rows.map((row) => row.name.toLowerCase())).size).toBe(rows.length);
    }
  });

  it('lists Belgian banks with valid, unique BICs and known kinds', () => {
    expect(SEED_BANKS.every((b) => isBic(b.bic) && b.bic.slice(4, 6) === 'BE')).toBe(true);
    expect(new Set(SEED_BANKS.map((b) => b.bic)).size).toBe(SEED_BANKS.length);
    expect(SEED_BANKS.every((b) => (BANK_KINDS as readonly string[]).includes(b.kind))).toBe(true);
    expect(new Set(SEED_BANKS.map((b) => b.kind))).toEqual(new Set(BANK_KINDS));
  });

  it('offers e-signature only for document mandates and CARO only at compatible banks', () => {
    expect(SEED_BANKS.filter((b) => b.supportsEsignature).every((b) => b.kind === 'STANDARD')).toBe(true);
    expect(SEED_BANKS.filter((b) => b.supportsCaro).every((b) => b.kind !== 'NOT_COMPATIBLE')).toBe(true);
  });

  it('has both partner and non-partner social secretariats', () => {
    expect(new Set(SEED_SOCIAL_SECRETARIATS.map((s) => s.isPartner))).toEqual(new Set([true, false]));
  });

  it('keeps each software import list in CODA, SODA, CARO order, and Yuki cannot import SODA', () => {
    for (const software of SEED_MANDATE_SOFTWARES) {
      expect(software.imports).toEqual(MANDATE_SERVICES.filter((s) => software.imports.includes(s)));
    }
    expect(SEED_MANDATE_SOFTWARES.find((s) => s.name === 'Yuki')?.imports).not.toContain('SODA');
  });
});
