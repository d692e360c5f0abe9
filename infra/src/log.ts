/** Where infra diagnostics go by default: stderr, so stdout stays free for the app (and ESLint forbids console). */
export type Log = (line: string) => void;

export const stderrLog: Log = (line) => {
  process.stderr.write(line.endsWith('\n') ? line : `${line}\n`);
};
