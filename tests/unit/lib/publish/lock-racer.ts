/**
 * One of two processes racing for stale locks, for release-store.test.ts. For every round folder
 * under `base` (each holding a stale lock), it announces itself, waits until its rival has too,
 * then tries to take the lock, and writes what happened to `<round>/result-<name>`. A winner keeps
 * the lock until the rival has written its result, so the rival meets a live lock, never a freed one.
 *
 *   node lock-racer.ts <base> <rounds> <name> <rival>
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { acquireLock } from '../../../../src/lib/publish/release-store.ts';

const [base, rounds, name, rival] = process.argv.slice(2) as [string, string, string, string];

/** Spins rather than sleeps: both racers leave the barrier within the same moment. */
function spinUntilExists(file: string): void {
  while (!existsSync(file));
}

for (let round = 0; round < Number(rounds); round++) {
  const dir = path.join(base, String(round));
  await writeFile(path.join(dir, `ready-${name}`), '');
  spinUntilExists(path.join(dir, `ready-${rival}`));
  let result: string;
  let release = async (): Promise<void> => {};
  try {
    const lock = await acquireLock(path.join(dir, 'build.lock'), 0);
    release = lock.release;
    result = 'won';
  } catch (error) {
    result = `lost: ${(error as Error).message}`;
  }
  await writeFile(path.join(dir, `result-${name}`), result);
  spinUntilExists(path.join(dir, `result-${rival}`));
  await release();
}
