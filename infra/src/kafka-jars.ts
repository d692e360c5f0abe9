import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { run } from './child-output';
import { Log, stderrLog } from './log';

// Same relative location from src/ (Jest, tsx) and dist/ (compiled).
export const KAFKA_DIR = path.resolve(__dirname, '..', 'kafka');
const LIB_DIR = path.join(KAFKA_DIR, 'lib');
const MARKER = path.join(LIB_DIR, '.resolved');
const LOCK = path.join(LIB_DIR, '.lock');
const STALE_LOCK_MS = 15 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Copies the broker jars from Maven Central into kafka/lib once and returns that dir. The marker
 * holds a hash of pom.xml, so changing the Kafka version there re-resolves instead of mixing jars.
 * A lock dir keeps parallel callers (Jest workers, services on a fresh clone) from running mvn over
 * each other; they wait for the marker instead.
 */
export async function ensureKafkaJars(log: Log = stderrLog): Promise<string> {
  const hash = createHash('sha256')
    .update(await readFile(path.join(KAFKA_DIR, 'pom.xml')))
    .digest('hex');
  const resolved = async () => (await readFile(MARKER, 'utf8').catch(() => '')).trim() === hash;
  await mkdir(LIB_DIR, { recursive: true });
  while (!(await resolved())) {
    if (!(await tryLock())) {
      await sleep(500);
      continue;
    }
    try {
      if (!(await resolved())) await resolveJars(hash, log);
    } finally {
      await rm(LOCK, { recursive: true, force: true });
    }
  }
  return LIB_DIR;
}

async function tryLock(): Promise<boolean> {
  try {
    await mkdir(LOCK); // atomic: exactly one caller creates it
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // A holder killed mid-download leaves its lock behind.
    const since = await stat(LOCK).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (since > STALE_LOCK_MS) await rm(LOCK, { recursive: true, force: true });
    return false;
  }
}

async function resolveJars(hash: string, log: Log): Promise<void> {
  log('[infra] resolving Kafka jars from Maven Central into infra/kafka/lib (first run downloads ~50 MB)');
  await rm(MARKER, { force: true });
  for (const file of await readdir(LIB_DIR)) {
    if (file.endsWith('.jar')) await rm(path.join(LIB_DIR, file)); // a previous pom's versions
  }
  const args = ['-q', '-B', '-Dstyle.color=never', '-f', 'pom.xml', 'dependency:copy-dependencies'];
  await run('mvn', args, KAFKA_DIR, log).catch((err: Error) => {
    throw new Error(`${err.message}\n(needs mvn + Java 17 and Maven Central; or set KAFKA_BROKERS)`);
  });
  await writeFile(MARKER, `${hash}\n`);
}
