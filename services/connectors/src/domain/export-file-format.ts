import type { ExportFormat } from './connector';

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

/** 12345 → "123,45" (FEC: comma decimal separator, no thousands separator, no sign). */
function fecAmount(cents: number): string {
  const abs = Math.abs(cents);
  return `${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** -12345 → "-123.45" (CSV: dot decimal separator). */
function decimal(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
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
  return {
    contentType: 'text/tab-separated-values; charset=utf-8',
    extension: 'txt',
    header: () => `${FEC_COLUMNS.join('\t')}\r\n`,
    entry(e, n) {
      const date = compact(e.bookingDate);
      const amount = fecAmount(e.amountCents);
      const moneyIn = e.amountCents > 0;
      const foreign = e.currency !== 'EUR';
      const lib = e.counterpartyName ? `${e.label} - ${e.counterpartyName}` : e.label;
      const aux = options.multiDossier ? [e.clientCode, e.companyName] : ['', ''];
      const line = (account: string, accountLabel: string, debit: boolean) =>
        [
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
        ].join('\t');
      return `${line(FEC_BANK_ACCOUNT, `Banque ${e.iban}`, moneyIn)}\r\n${line(FEC_SUSPENSE_ACCOUNT.number, FEC_SUSPENSE_ACCOUNT.label, !moneyIn)}\r\n`;
    },
  };
}

/** RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV (RFC 4180, comma, CRLF, dot decimals): one line per entry, signed amount plus debit/credit columns. */
export function csvFormatter(): FileFormatter {
  return {
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    header: () => `${CSV_COLUMNS.join(',')}\r\n`,
    entry(e) {
      const out = e.amountCents < 0 ? decimal(-e.amountCents) : '';
      const into = e.amountCents > 0 ? decimal(e.amountCents) : '';
      return `${[
        e.bookingDate,
        e.clientCode,
        e.companyName,
        e.iban,
        e.bankReference,
        e.label,
        e.counterpartyName ?? '',
        e.counterpartyIban ?? '',
        decimal(e.amountCents),
        e.currency,
        out,
        into,
      ]
        .map(csvField)
        .join(',')}\r\n`;
    },
  };
}

export function formatterFor(
  format: ExportFormat,
  options: { validDate: string; multiDossier: boolean },
): FileFormatter {
  return format === 'FEC' ? fecFormatter(options) : csvFormatter();
}

/** File names as the delivery folder expects them: FEC files follow the `<id>FEC<YYYYMMDD>` convention. */
export function exportFileName(format: ExportFormat, owner: string, date: string): string {
  const safe = owner.replace(/[^A-Za-z0-9_-]/g, '_');
  return format === 'FEC' ? `${safe}FEC${compact(date)}.txt` : `${safe}_${compact(date)}.csv`;
}
