import { DomainError, ValidationError } from '../errors';

export type InputProblem = { field: string; code: string; message: string };

/**
 * Collects every problem of one input, so the caller fixes them all at once: a service's input
 * checker extends it with one method per field, each returning the normalised value (what is
 * stored), or the raw value when it is invalid.
 */
export class InputProblems {
  protected readonly problems: InputProblem[] = [];

  protected add(field: string, code: string, message: string): void {
    this.problems.push({ field, code, message });
  }

  /** `parse(value)`, or `value` with the DomainError it threw recorded as a problem. */
  protected parsed(value: string, parse: (value: string) => string, field?: string): string {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.add(field ?? error.field ?? '', error.code, error.message);
      return value;
    }
  }

  /** Throws one ValidationError listing every problem found so far. */
  done(): void {
    if (this.problems.length > 0) throw new ValidationError(this.problems);
  }
}
