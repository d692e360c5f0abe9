import { addDays } from '@fidu/service-kit/domain';

/** Easter Sunday of a year (Gregorian computus, Meeus/Jones/Butcher), as YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The ten Belgian legal public holidays of a year: New Year, Easter Monday, Labour Day,
 * Ascension (Easter + 39), Whit Monday (Easter + 50), National Day, Assumption, All Saints,
 * Armistice, Christmas.
 */
export function belgianPublicHolidays(year: number): string[] {
  const easter = easterSunday(year);
  return [
    `${year}-01-01`,
    addDays(easter, 1),
    `${year}-05-01`,
    addDays(easter, 39),
    addDays(easter, 50),
    `${year}-07-21`,
    `${year}-08-15`,
    `${year}-11-01`,
    `${year}-11-11`,
    `${year}-12-25`,
  ].sort();
}

const holidaysByYear = new Map<number, Set<string>>();

/** Monday to Friday and not a Belgian public holiday. `date` is a Brussels calendar date. */
export function isBelgianBusinessDay(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  let holidays = holidaysByYear.get(y);
  if (!holidays) {
    holidays = new Set(belgianPublicHolidays(y));
    holidaysByYear.set(y, holidays);
  }
  return !holidays.has(date);
}

/** The n-th Belgian business day strictly after `date` (n ≥ 1). */
export function addBelgianBusinessDays(date: string, n: number): string {
  let day = date;
  for (let left = n; left > 0;) {
    day = addDays(day, 1);
    if (isBelgianBusinessDay(day)) left--;
  }
  return day;
}
