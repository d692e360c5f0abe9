import { delimitedWriter, FEC_FORMAT } from '@fidu/service-kit/domain';
import type { ExportFormat } from './connector';
import {
  DECIMAL_CHAR,
  ENCODING_NAME,
  SEPARATOR_CHAR,
  STANDARD_CSV_CONVENTIONS,
  type CsvConventions,
  type HeaderLanguage,
} from './csv-conventions';

/** One bank entry as it goes into a file, with the dossier it belongs to. */
export interface FileEntry {
  clientCode: string;
  companyName: string;
  iban: string;
  bankReference: string;
  /** YYYY-MM-DD */
  bookingDate: string;
  /** Signed: money in > 0, money out < 0. */
  amountCents: number;
  currency: string;
  label: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
}

/** Writes one file layout line by line, so files of any size are streamed, never built whole. */
export interface FileFormatter {
  contentType: string;
  extension: string;
  header(): string;
  /** The lines of the n-th entry of the file (1-based), each ending with its line break. */
  entry(entry: FileEntry, n: number): string;
}

/**
 * The 18 columns of the French FEC (article A47 A-1 of the Livre des procédures fiscales), in the
 * order the DGFiP prescribes.
 */
export const FEC_COLUMNS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const;

/** Bank journal and accounts of the French chart (PCG): 512 bank, 471 suspense ("compte d'attente"). */
export const FEC_BANK_JOURNAL = { code: 'BQ', label: 'Banque' } as const;
export const FEC_BANK_ACCOUNT = '512000';
export const FEC_SUSPENSE_ACCOUNT = { number: '471000', label: "Compte d'attente" } as const;

export const CSV_COLUMNS = [
  'bookingDate',
  'clientCode',
  'companyName',
  'iban',
  'bankReference',
  'label',
  'counterpartyName',
  'counterpartyIban',
  'amount',
  'currency',
  'debit',
  'credit',
] as const;

/** The CSV header in the office's language; EN keeps the column names files always had. */
export const CSV_HEADERS: Record<HeaderLanguage, readonly string[]> = {
  EN: CSV_COLUMNS,
  FR: [
    'Date',
    'Code client',
    'Société',
    'IBAN',
    'Référence bancaire',
    'Libellé',
    'Contrepartie',
    'IBAN contrepartie',
    'Montant',
    'Devise',
    'Débit',
    'Crédit',
  ],
  NL: [
    'Datum',
    'Klantcode',
    'Bedrijf',
    'IBAN',
    'Bankreferentie',
    'Omschrijving',
    'Tegenpartij',
    'IBAN tegenpartij',
    'Bedrag',
    'Munt',
    'Debet',
    'Credit',
  ],
};

/** 12345 → "123,45" (FEC: comma decimal separator, no thousands separator, no sign). */
function fecAmount(cents: number): string {
  const abs = Math.abs(cents);
  return `${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** -12345 → "-123.45" or "-123,45": signed, no thousands separator, the connector's decimal mark. */
function decimal(cents: number, mark: string): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}${mark}${String(abs % 100).padStart(2, '0')}`;
}

const compact = (isoDate: string) => isoDate.replace(/-/g, '');

/**
 * FEC, tab-separated, CRLF. Each bank entry is balanced over two lines with one EcritureNum: the
 * bank account (512, labelled with the IBAN) and the suspense account 471, from which the
 * accountant allocates it. Amounts are in the entry's currency; for a currency other than EUR
 * Montantdevise/Idevise repeat it (the importing software converts). In a file spanning several
 * dossiers (the global file) the dossier is named in CompAuxNum/CompAuxLib.
 */
export function fecFormatter(options: { validDate: string; multiDossier: boolean }): FileFormatter {
  const validDate = compact(options.validDate);
  const fec = delimitedWriter(FEC_FORMAT);
  return {
    contentType: 'text/tab-separated-values; charset=utf-8',
    extension: 'txt',
    header: () => fec.line(FEC_COLUMNS),
    entry(e, n) {
      const date = compact(e.bookingDate);
      const amount = fecAmount(e.amountCents);
      const moneyIn = e.amountCents > 0;
      const foreign = e.currency !== 'EUR';
      const lib = e.counterpartyName ? `${e.label} - ${e.counterpartyName}` : e.label;
      const aux = options.multiDossier ? [e.clientCode, e.companyName] : ['', ''];
      const line = (account: string, accountLabel: string, debit: boolean) => [
        FEC_BANK_JOURNAL.code,
        FEC_BANK_JOURNAL.label,
        String(n),
        date,
        account,
        accountLabel,
        ...aux,
        e.bankReference,
        date,
        lib,
        debit ? amount : '0,00',
        debit ? '0,00' : amount,
        '',
        '',
        validDate,
        foreign ? amount : '',
        foreign ? e.currency : '',
      ];
      return fec.lines([
        line(FEC_BANK_ACCOUNT, `Banque ${e.iban}`, moneyIn),
        line(FEC_SUSPENSE_ACCOUNT.number, FEC_SUSPENSE_ACCOUNT.label, !moneyIn),
      ]);
    },
  };
}

/**
 * CSV in the connector's conventions, one line per entry, signed amount plus debit/credit columns.
 * Quoting (separator, quote, line break in a name) is the kit's writer's, as RFC 4180 defines it.
 */
export function csvFormatter(conventions: CsvConventions = STANDARD_CSV_CONVENTIONS): FileFormatter {
  const delimiter = SEPARATOR_CHAR[conventions.separator];
  const mark = DECIMAL_CHAR[conventions.decimalMark];
  const { line } = delimitedWriter({ delimiter, recordDelimiter: '\r\n', quoting: 'rfc4180' });
  return {
    contentType: `text/csv; charset=${ENCODING_NAME[conventions.encoding]}`,
    extension: 'csv',
    header: () => line(CSV_HEADERS[conventions.headerLanguage]),
    entry(e) {
      const out = e.amountCents < 0 ? decimal(-e.amountCents, mark) : '';
      const into = e.amountCents > 0 ? decimal(e.amountCents, mark) : '';
      return line([
        e.bookingDate,
        e.clientCode,
        e.companyName,
        e.iban,
        e.bankReference,
        e.label,
        e.counterpartyName ?? '',
        e.counterpartyIban ?? '',
        decimal(e.amountCents, mark),
        e.currency,
        out,
        into,
      ]);
    },
  };
}

export function formatterFor(
  format: ExportFormat,
  options: { validDate: string; multiDossier: boolean; conventions?: CsvConventions },
): FileFormatter {
  return format === 'FEC' ? fecFormatter(options) : csvFormatter(options.conventions);
}

/**
 * File names as the delivery folder expects them. FEC: `<SIREN>FEC<closing date YYYYMMDD>.txt`
 * (article A47 A-1 LPF); the caller passes the company's registration number as owner (see
 * `fecOwnerOf`) and the last day the file covers as the closing date.
 */
export function exportFileName(format: ExportFormat, owner: string, date: string): string {
  const safe = owner.replace(/[^A-Za-z0-9_-]/g, '_');
  return format === 'FEC' ? `${safe}FEC${compact(date)}.txt` : `${safe}_${compact(date)}.csv`;
}

/**
 * Who a FEC file is named after: the SIREN the convention asks for. Clients carry their company
 * registration number (`enterpriseNumber`: a SIREN for a French company, the BCE/KBO number for a
 * Belgian one, the only identifier Belgian offices have); without one, the client code, so the
 * file still names its dossier.
 */
export function fecOwnerOf(enterpriseNumber: string | null | undefined, clientCode: string): string {
  const digits = enterpriseNumber?.replace(/\D/g, '') ?? '';
  return digits.length >= 9 ? digits : clientCode;
}
