import { InputProblems, inputExcerpt, normalisedEmail, normalisedPhone } from '@fidu/service-kit/domain';
import { parseApprovalNumber } from './approval-number';
import { parseNiss } from './niss';

/** Checks an approved company's fields, collecting every problem of one input (see InputProblems). */
export class InputChecker extends InputProblems {
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
    if (trimmed.length < 1 || trimmed.length > max)
      this.add(field, code, `${field} must have 1 to ${max} characters.`);
    return trimmed;
  }

  email(value: string, field: string): string {
    const email = normalisedEmail(value);
    if (email === null)
      this.add(field, 'TS_CONTACT_EMAIL_INVALID', `${inputExcerpt(value)} is not a valid e-mail address.`);
    return email ?? value.trim().toLowerCase();
  }

  /** Stored in E.164 (see normalisedPhone); an empty value clears the number. */
  phone(value: string | null | undefined, field: string): string | null {
    if (value === undefined || value === null || value.trim() === '') return null;
    const phone = normalisedPhone(value);
    if (phone === null)
      this.add(field, 'TS_CONTACT_PHONE_INVALID', `${inputExcerpt(value)} is not a valid phone number.`);
    return phone ?? value;
  }
}
