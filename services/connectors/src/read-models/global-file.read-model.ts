import type { DataSource } from 'typeorm';
import {
  DomainError,
  decodeKeyset,
  invalidCursor,
  keyCursor,
  keysetNamed,
  pageSize,
  toConnection,
  type Connection,
  type KeysetOrder,
} from '@fidu/service-kit';
import { GlobalFileEntity } from '../db/global-file.entity';
import { isCalendarDate } from '../domain/calendar-date';

/** A page of global files; the count runs only if asked for. */
export type GlobalFileConnectionRow = Connection<GlobalFileEntity, () => Promise<number>>;

/** Newest business date first (one global file per office and date; the id keeps the key unique). */
const NEWEST_FIRST: KeysetOrder<GlobalFileEntity> = {
  columns: ['g.business_date', 'g.id'],
  kinds: ['string', 'uuid'],
  direction: 'DESC',
  positionOf: (g) => [g.businessDate, g.id],
};

const ofOffice = (ds: DataSource, officeId: string) =>
  ds.getRepository(GlobalFileEntity).createQueryBuilder('g').where('g.office_id = :officeId', { officeId });

/** The office's global files, newest first (one per daily run that had entries of non-associated dossiers). */
export async function listGlobalFiles(
  ds: DataSource,
  officeId: string,
  args: { first?: number | null; after?: string | null },
): Promise<GlobalFileConnectionRow> {
  const size = pageSize(args.first, 366, 30);
  // The cursor's date reaches SQL as a date: anything else is refused before, as a bad cursor.
  if (args.after && !isCalendarDate(String(decodeKeyset(args.after, NEWEST_FIRST.kinds)[0])))
    throw invalidCursor();
  const qb = ofOffice(ds, officeId);
  const keyset = keysetNamed(NEWEST_FIRST, args.after);
  if (keyset.where) qb.andWhere(keyset.where, keyset.params);
  const rows = await qb
    .orderBy('g.business_date', 'DESC')
    .addOrderBy('g.id', 'DESC')
    .limit(size + 1)
    .getMany();
  return toConnection(rows, {
    first: size,
    cursorOf: keyCursor(NEWEST_FIRST.positionOf),
    totalCount: () => ofOffice(ds, officeId).getCount(),
  });
}

/** The office's global file of one business date, or its latest; null when there is none. */
export function findGlobalFile(
  ds: DataSource,
  officeId: string,
  businessDate: string | null | undefined,
): Promise<GlobalFileEntity | null> {
  if (businessDate && !isCalendarDate(businessDate)) {
    throw new DomainError('CONNECTOR_DATE_INVALID', 'businessDate must be YYYY-MM-DD.', 'businessDate');
  }
  return ds.getRepository(GlobalFileEntity).findOne({
    where: businessDate ? { officeId, businessDate } : { officeId },
    order: { businessDate: 'DESC' },
  });
}
