import { mergeCsvConventions } from './csv-conventions';
import {
  csvFormatter,
  fecOwnerOf,
  exportFileName,
  FEC_COLUMNS,
  fecFormatter,
  type FileEntry,
} from './export-file-format';

const entry: FileEntry = {
  clientCode: 'DUP001',
  companyName: 'Boulangerie Dupont',
  iban: 'BE68539007547034',
  bankReference: 'REF-1',
  bookingDate: '2026-11-20',
  amountCents: -123_456,
  currency: 'EUR',
  label: 'Loyer novembre',
  counterpartyName: 'Immo, "Louise"',
  counterpartyIban: null,
};

describe('FEC', () => {
  const fec = fecFormatter({ validDate: '2026-11-22', multiDossier: false });

  it('has the 18 DGFiP columns, tab-separated', () => {
    expect(fec.header()).toBe(`${FEC_COLUMNS.join('\t')}\r\n`);
    expect(FEC_COLUMNS).toHaveLength(18);
  });

  it('balances a payment over the bank and suspense accounts with comma decimals', () => {
    const lines = fec
      .entry(entry, 7)
      .split('\r\n')
      .filter(Boolean)
      .map((l) => l.split('\t'));
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.length === 18)).toBe(true);
    expect(lines[0]).toEqual([
      'BQ',
      'Banque',
      '7',
      '20261120',
      '512000',
      'Banque BE68539007547034',
      '',
      '',
      'REF-1',
      '20261120',
      'Loyer novembre - Immo, "Louise"',
      '0,00',
      '1234,56',
      '',
      '',
      '20261122',
      '',
      '',
    ]);
    expect(lines[1]!.slice(4, 6)).toEqual(['471000', "Compte d'attente"]);
    expect(lines[1]!.slice(11, 13)).toEqual(['1234,56', '0,00']);
  });

  it('names the dossier in a multi-dossier file and the currency when not EUR', () => {
    const multi = fecFormatter({ validDate: '2026-11-22', multiDossier: true });
    const [line] = multi
      .entry({ ...entry, amountCents: 5, currency: 'USD' }, 1)
      .split('\r\n')
      .map((l) => l.split('\t'));
    expect(line!.slice(6, 8)).toEqual(['DUP001', 'Boulangerie Dupont']);
    expect(line!.slice(11, 13)).toEqual(['0,05', '0,00']);
    expect(line!.slice(16)).toEqual(['0,05', 'USD']);
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180 and signs the amount', () => {
    expect(csvFormatter().entry(entry, 1)).toBe(
      '2026-11-20,DUP001,Boulangerie Dupont,BE68539007547034,REF-1,Loyer novembre,"Immo, ""Louise""",,-1234.56,EUR,1234.56,\r\n',
    );
  });
});

describe("CSV in the connector's conventions", () => {
  const belgian = {
    separator: 'SEMICOLON',
    decimalMark: 'COMMA',
    headerLanguage: 'FR',
    encoding: 'UTF_8',
  } as const;

  it('writes `;`, decimal commas and French headers', () => {
    const f = csvFormatter(belgian);
    expect(f.header()).toBe(
      'Date;Code client;Société;IBAN;Référence bancaire;Libellé;Contrepartie;IBAN contrepartie;Montant;Devise;Débit;Crédit\r\n',
    );
    expect(f.entry({ ...entry, counterpartyName: 'Immo Louise' }, 1)).toBe(
      '2026-11-20;DUP001;Boulangerie Dupont;BE68539007547034;REF-1;Loyer novembre;Immo Louise;;-1234,56;EUR;1234,56;\r\n',
    );
  });

  it('quotes names holding the separator, quotes or line breaks, and only those', () => {
    const line = csvFormatter(belgian).entry(
      {
        ...entry,
        companyName: 'Dupont; fils',
        label: 'dit "le boulanger"',
        counterpartyName: 'Immo\r\nLouise, SA',
      },
      1,
    );
    expect(line).toBe(
      '2026-11-20;DUP001;"Dupont; fils";BE68539007547034;REF-1;"dit ""le boulanger""";"Immo\r\nLouise, SA";;-1234,56;EUR;1234,56;\r\n',
    );
  });

  it('writes Dutch headers and tabs', () => {
    const f = csvFormatter({ ...belgian, separator: 'TAB', headerLanguage: 'NL' });
    expect(f.header().split('\t').slice(0, 3)).toEqual(['Datum', 'Klantcode', 'Bedrijf']);
  });

  it('refuses a decimal mark equal to the separator', () => {
    expect(() => mergeCsvConventions(belgian, { separator: 'COMMA' })).toThrow(
      expect.objectContaining({ code: 'CONNECTOR_CSV_CONVENTION_INVALID' }),
    );
    expect(mergeCsvConventions(belgian, { separator: 'COMMA', decimalMark: 'DOT' }).separator).toBe('COMMA');
  });
});

describe('file names', () => {
  it('names a FEC file after the SIREN when known, else the client code', () => {
    expect(exportFileName('FEC', fecOwnerOf('123456789', 'K1'), '2026-11-30')).toBe(
      '123456789FEC20261130.txt',
    );
    expect(fecOwnerOf(null, 'K1')).toBe('K1');
  });

  it('follows the FEC naming convention', () => {
    expect(exportFileName('FEC', '0403170701', '2026-11-22')).toBe('0403170701FEC20261122.txt');
    expect(exportFileName('CSV', 'DUP/001', '2026-11-22')).toBe('DUP_001_20261122.csv');
  });
});
