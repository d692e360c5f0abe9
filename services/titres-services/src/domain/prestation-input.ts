import { ValidationError } from '@fidu/service-kit/domain';

/** Activities a titre-service pays for (home help of a household nature). */
export const ACTIVITIES = ['CLEANING', 'IRONING', 'SHOPPING', 'MEAL_PREPARATION', 'LAUNDRY'] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** What a prestation is about; checked together so every problem is reported at once. */
export interface PrestationFacts {
  performedOn: string;
  hours: number;
  activity: string;
}

/**
 * Checks a prestation's date, hours and activity. One voucher pays one hour, so hours are whole
 * (1 to 12 in a day); the date is a real calendar date, not in the future (`today`, Brussels) and
 * at most a year back.
 */
export function checkPrestationFacts(facts: Partial<PrestationFacts>, today: string, yearAgo: string): void {
  const problems: { field: string; code: string; message: string }[] = [];
  if (facts.performedOn !== undefined) {
    const d = facts.performedOn;
    const valid =
      /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
    if (!valid || d > today || d < yearAgo) {
      problems.push({
        field: 'performedOn',
        code: 'TS_PRESTATION_DATE_INVALID',
        message: 'performedOn must be a date (YYYY-MM-DD) within the last year, not in the future.',
      });
    }
  }
  if (facts.hours !== undefined && (!Number.isInteger(facts.hours) || facts.hours < 1 || facts.hours > 12)) {
    problems.push({
      field: 'hours',
      code: 'TS_PRESTATION_HOURS_INVALID',
      message: 'hours must be a whole number from 1 to 12.',
    });
  }
  if (facts.activity !== undefined && !(ACTIVITIES as readonly string[]).includes(facts.activity)) {
    problems.push({
      field: 'activity',
      code: 'TS_PRESTATION_ACTIVITY_INVALID',
      message: `activity must be one of ${ACTIVITIES.join(', ')}.`,
    });
  }
  if (problems.length > 0) throw new ValidationError(problems);
}
