import {
  MAX_ENTRIES_PER_CALL,
  parseIban,
  sameEntry,
  validateBankEntries,
  type BankEntryInput,
} from './bank-entry-rules';

const ok: BankEntryInput = {
  bookingDate: '2026-11-20',
  amountCents: -12_345,
  currency: 'eur',
  label: 'Loyer novembre',
  counterpartyName: 'Immo Louise',
  counterpartyIban: 'be68 5390 0754 7034',
  bankReference: 'REF-1',
};

function codes(run: () => unknown): string[] {
  try {
    run();
    return [];
  } catch (error) {
    return (error as { details: { problems: { field: string; code: string }[] } }).details.problems.map(
      (p) => `${p.field}:${p.code}`,
    );
  }
}

describe('validateBankEntries', () => {
  it('normalizes a valid entry', () => {
    expect(validateBankEntries([ok], '2026-11-22')).toEqual([
      { ...ok, currency: 'EUR', counterpartyIban: 'BE68539007547034' },
    ]);
  });

  it('lists every problem of a malformed delivery', () => {
    expect(
      codes(() =>
        validateBankEntries(
          [
            { ...ok, bookingDate: '2026-02-30', amountCents: 0 },
            { ...ok, currency: 'euro', label: 'a\tb', counterpartyIban: 'BE00' },
            { ...ok, bankReference: 'REF-1', bookingDate: '2027-01-01', label: ' ' },
          ],
          '2026-11-22',
        ),
      ),
    ).toEqual([
      'entries.0.bookingDate:BANK_ENTRY_DATE_INVALID',
      'entries.0.amountCents:BANK_ENTRY_AMOUNT_INVALID',
      'entries.1.currency:BANK_ENTRY_CURRENCY_INVALID',
      'entries.1.label:BANK_ENTRY_FIELD_INVALID',
      'entries.1.counterpartyIban:BANK_ENTRY_COUNTERPARTY_IBAN_INVALID',
      'entries.1.bankReference:BANK_ENTRY_REFERENCE_DUPLICATE',
      'entries.2.bookingDate:BANK_ENTRY_DATE_IN_FUTURE',
      'entries.2.label:BANK_ENTRY_FIELD_REQUIRED',
      'entries.2.bankReference:BANK_ENTRY_REFERENCE_DUPLICATE',
    ]);
  });

  it('refuses an empty delivery and a bad IBAN', () => {
    expect(codes(() => validateBankEntries([], '2026-11-22'))).toEqual(['entries:BANK_ENTRY_COUNT_INVALID']);
    const tooMany = Array.from({ length: MAX_ENTRIES_PER_CALL + 1 }, (_, i) => ({
      ...ok,
      bankReference: `R${i}`,
    }));
    expect(codes(() => validateBankEntries(tooMany, '2026-11-22'))).toEqual([
      'entries:BANK_ENTRY_COUNT_INVALID',
    ]);
    expect(codes(() => parseIban('BE68539007547035'))).toEqual(['iban:BANK_ACCOUNT_IBAN_INVALID']);
  });

  it('tells a replay from a conflicting entry under the same reference', () => {
    const [a] = validateBankEntries([ok], '2026-11-22');
    expect(sameEntry(a!, { ...a! })).toBe(true);
    expect(sameEntry(a!, { ...a!, amountCents: 1 })).toBe(false);
  });
});
