import { DomainError, inputExcerpt, ValidationError } from '@fidu/service-kit/domain';
import { parseApprovalNumber } from './approval-number';
import { parseNiss } from './niss';

type Problem = { field: string; code: string; message: string };

const EMAIL =
  /^[^\s@"'<>()[\],;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;
/** E.164: a country code and at most 15 digits in all. */
const E164 = /^\+[1-9]\d{7,14}$/;
/** Belgian national significant numbers have 8 (landlines) or 9 (mobiles) digits. */
const BELGIAN = /^\+32\d{8,9}$/;

/**
 * Collects every problem of one input, so the caller fixes them all at once. Each method returns
 * the normalised value (what is stored), or the raw value when it is invalid.
 */
export class InputChecker {
  private readonly problems: Problem[] = [];

  approvalNumber(value: string): string {
    return this.parsed(value, parseApprovalNumber);
  }

  niss(value: string | null | undefined): string | null {
    if (value === undefined || value === null) return null;
    return this.parsed(value, parseNiss);
  }

  /** A person's name part: trimmed, inner runs of spaces collapsed. */
  name(value: string, field: string, code: string, max: number): string {
    const trimmed = value.trim().replace(/\s+/g, ' ');
    if (trimmed.length < 1 || trimmed.length > max) {
      this.problems.push({ field, code, message: `${field} must have 1 to ${max} characters.` });
    }
    return trimmed;
  }

  email(value: string, field: string): string {
    const trimmed = value.trim().toLowerCase();
    if (trimmed.length > 254 || !EMAIL.test(trimmed)) {
      this.problems.push({
        field,
        code: 'TS_CONTACT_EMAIL_INVALID',
        message: `${inputExcerpt(value)} is not a valid e-mail address.`,
      });
    }
    return trimmed;
  }

  /**
   * Stored in E.164. Typed as people do: Belgian numbers in national form (02 547 54 93,
   * 0470/12.34.56), others with their country code (+33 1 …, 0033 1 …).
   */
  phone(value: string | null | undefined, field: string): string | null {
    if (value === undefined || value === null || value.trim() === '') return null;
    let compact = value.replace(/[\s.\-/()]/g, '');
    if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
    else if (compact.startsWith('0')) compact = `+32${compact.slice(1)}`;
    if (!E164.test(compact) || (compact.startsWith('+32') && !BELGIAN.test(compact))) {
      this.problems.push({
        field,
        code: 'TS_CONTACT_PHONE_INVALID',
        message: `${inputExcerpt(value)} is not a valid phone number.`,
      });
      return value;
    }
    return compact;
  }

  /** Throws one ValidationError listing every problem found so far. */
  done(): void {
    if (this.problems.length > 0) throw new ValidationError(this.problems);
  }

  private parsed(value: string, parse: (value: string) => string): string {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.problems.push({ field: error.field ?? '', code: error.code, message: error.message });
      return value;
    }
  }
}
