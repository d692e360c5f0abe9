/**
 * Error messages may quote what the caller sent, but only a short prefix of it: a 95 KB input must
 * not come back whole (in a message, a log line or a proxy's buffer).
 */
export const MAX_ECHOED_INPUT = 40;
/** Longest message an error carries; longer ones are cut (the details stay in `extensions`). */
export const MAX_ERROR_MESSAGE = 400;

/** An input value as a message may show it: quoted, at most MAX_ECHOED_INPUT characters. */
export function inputExcerpt(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(text.length > MAX_ECHOED_INPUT ? `${text.slice(0, MAX_ECHOED_INPUT)}…` : text);
}

/**
 * Safety net for messages built elsewhere (graphql-js echoes invalid variable values whole): any
 * unbroken run longer than an excerpt is shortened, then the whole message is capped.
 */
export function capErrorMessage(message: string): string {
  const runs = message.replace(
    new RegExp(`\\S{${MAX_ECHOED_INPUT + 20},}`, 'g'),
    (run) => `${run.slice(0, MAX_ECHOED_INPUT)}…`,
  );
  return runs.length > MAX_ERROR_MESSAGE ? `${runs.slice(0, MAX_ERROR_MESSAGE)}…` : runs;
}
