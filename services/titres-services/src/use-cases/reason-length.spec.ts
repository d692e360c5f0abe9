import type { DataSource } from 'typeorm';
import { DomainError } from '@fidu/service-kit';
import { actOnPrestation } from './act-on-prestation';
import { changeDirectDebit } from './change-direct-debit';

/** A data source that must not be reached: the bound is checked before any SQL. */
const untouchable = new Proxy({} as DataSource, {
  get: () => {
    throw new Error('the database was reached');
  },
});

const HUGE = 'r'.repeat(95_000);
const ID = '0b0b0b0b-0000-4000-8000-000000000001';

async function codeOf(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

describe('stored reasons are bounded (500 characters)', () => {
  it.each(['CANCEL', 'CORRECT'] as const)(
    'refuses a 95 KB reason to %s before touching the database',
    async (action) => {
      const code = await codeOf(() =>
        actOnPrestation(
          untouchable,
          { kind: 'company', companyId: 'c-1' },
          {
            prestationId: ID,
            action,
            actor: 'company:c-1',
            reason: HUGE,
            periodDays: 5,
          },
        ),
      );
      expect(code).toBe('TS_REASON_TOO_LONG');
    },
  );

  it('refuses a 95 KB direct-debit rejection reason before touching the database', async () => {
    const code = await codeOf(() =>
      changeDirectDebit(untouchable, null, { requestId: ID, action: 'REJECT', reason: HUGE }),
    );
    expect(code).toBe('TS_REASON_TOO_LONG');
  });

  it('keeps a 500-character reason within bounds', async () => {
    const code = await codeOf(() =>
      changeDirectDebit(untouchable, null, { requestId: ID, action: 'REJECT', reason: 'r'.repeat(500) }),
    );
    expect(code).toBe('Error: the database was reached');
  });
});
