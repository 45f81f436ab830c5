import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReleaseManifest } from '../../../../src/lib/publish/manifest.ts';
import {
  acquireLock,
  createReleaseId,
  listReleases,
  pruneReleases,
  readPublishedId,
  removeLeftovers,
  resolveReleasesDir,
  switchPublished,
} from '../../../../src/lib/publish/release-store.ts';

let dir: string;
let out: string;
let releasesDir: string;

async function makeRelease(id: string, text: string): Promise<void> {
  await mkdir(path.join(releasesDir, id, 'site'), { recursive: true });
  await writeFile(path.join(releasesDir, id, 'site', 'index.html'), text);
  const manifest: ReleaseManifest = {
    version: 2,
    id,
    createdAt: '2026-11-21T08:00:00.000Z',
    siteUrl: 'https://zeitung.example',
    previous: null,
    searchDigest: null,
    root: 'none',
    fileCount: 1,
    changes: { added: [], changed: [], removed: [] },
  };
  await writeFile(path.join(releasesDir, id, 'release.json'), JSON.stringify(manifest));
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'depesche-releases-'));
  out = path.join(dir, 'dist');
  releasesDir = resolveReleasesDir(out);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createReleaseId', () => {
  it('names releases so that they sort by time, with a suffix for a second one in the same millisecond', () => {
    const now = new Date('2026-11-21T08:15:30.123Z');
    expect(createReleaseId(now, new Set())).toBe('20261121T081530.123Z');
    expect(createReleaseId(now, new Set(['20261121T081530.123Z']))).toBe('20261121T081530.123Z-2');
  });
});

describe('switchPublished', () => {
  it('points the published path at a release with a relative link, and switches it again', async () => {
    await makeRelease('r1', 'eins');
    await makeRelease('r2', 'zwei');
    await switchPublished(out, releasesDir, 'r1');
    expect(await readlink(out)).toBe(path.join('.dist-releases', 'r1', 'site'));
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('eins');
    await switchPublished(out, releasesDir, 'r2');
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('zwei');
    expect(await readPublishedId(out, releasesDir)).toBe('r2');
  });

  it('moves a site published as a plain folder aside instead of deleting it', async () => {
    await mkdir(out);
    await writeFile(path.join(out, 'index.html'), 'alt');
    await makeRelease('r1', 'neu');
    await switchPublished(out, releasesDir, 'r1');
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('neu');
  });
});

describe('listReleases and pruneReleases', () => {
  it('counts only folders with a manifest, and prunes the oldest but never a protected one', async () => {
    for (const id of ['r1', 'r2', 'r3', 'r4']) await makeRelease(id, id);
    await mkdir(path.join(releasesDir, 'r5-unfinished'));
    expect((await listReleases(releasesDir)).map(({ id }) => id)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(await pruneReleases(releasesDir, 2, ['r1'])).toEqual(['r2']);
    expect((await listReleases(releasesDir)).map(({ id }) => id)).toEqual(['r1', 'r3', 'r4']);
  });
});

describe('removeLeftovers', () => {
  it("removes a link a killed build made but never switched in, and not a running build's", async () => {
    await mkdir(releasesDir, { recursive: true });
    await writeFile(path.join(dir, '.dist.999999999.link'), '');
    await writeFile(path.join(dir, `.dist.${process.pid}.link`), '');
    await removeLeftovers(out, releasesDir);
    await expect(readFile(path.join(dir, '.dist.999999999.link'))).rejects.toThrow();
    expect(await readFile(path.join(dir, `.dist.${process.pid}.link`), 'utf8')).toBe('');
  });
});

/** The lock's first line: a process id and the random mark that makes every lock's text unique. */
const ownerLine = (pid: number): RegExp => new RegExp(`^${pid} [0-9a-f-]{36}\\n`);

/** Resolves once `pid` is a zombie: it has ended and its parent has not reaped it. */
async function waitForZombie(pid: number): Promise<void> {
  while (!/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')))
    await new Promise((resolve) => setImmediate(resolve));
}

/** A process that runs until it is killed, and its exit, as a promise. */
function startIdleProcess(): { child: ChildProcess; exited: Promise<unknown> } {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  return { child, exited: new Promise((resolve) => child.on('exit', resolve)) };
}

describe('acquireLock', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('refuses a second build while the first holds the lock, and takes over a dead one', async () => {
    const lockFile = path.join(dir, 'cache', 'build.lock');
    const lock = await acquireLock(lockFile);
    await expect(acquireLock(lockFile)).rejects.toThrow(/Another build \(process \d+\)/);
    await lock.release();
    // A process id that cannot be running: the lock of a killed build.
    await writeFile(lockFile, '999999999');
    const taken = await acquireLock(lockFile);
    expect(await readFile(lockFile, 'utf8')).toMatch(ownerLine(process.pid));
    // No takeover token is left behind.
    expect(await readdir(path.dirname(lockFile))).toEqual(['build.lock']);
    await taken.release();
  });

  it('takes over a stale lock whose first taker was killed in the middle of taking it over', async () => {
    const lockFile = path.join(dir, 'cache', 'handed-on.lock');
    await mkdir(path.dirname(lockFile), { recursive: true });
    const stale = '999999999 0a0b0c0d-0000-4000-8000-000000000000\n';
    await writeFile(lockFile, stale);
    // The token the killed taker held, named after the stale lock's text as takeOverStaleLock names it.
    const mark = createHash('sha256').update(stale).digest('hex').slice(0, 16);
    await writeFile(`${lockFile}.takeover-${mark}-1`, '999999998\n');
    const taken = await acquireLock(lockFile, 0);
    expect(await readFile(lockFile, 'utf8')).toMatch(ownerLine(process.pid));
    expect(await readdir(path.dirname(lockFile))).toEqual(['handed-on.lock']);
    await taken.release();
  });

  it('waits while another running process takes the same stale lock over', async () => {
    const lockFile = path.join(dir, 'cache', 'busy.lock');
    await mkdir(path.dirname(lockFile), { recursive: true });
    const stale = '999999999\n';
    await writeFile(lockFile, stale);
    const mark = createHash('sha256').update(stale).digest('hex').slice(0, 16);
    const taker = startIdleProcess();
    await writeFile(`${lockFile}.takeover-${mark}-1`, `${taker.child.pid}\n`);
    await expect(acquireLock(lockFile, 0)).rejects.toThrow(/Another build is starting/);
    expect(await readFile(lockFile, 'utf8')).toBe(stale);
    taker.child.kill('SIGKILL');
    await taker.exited;
  });

  it("waits for a killed build's helper to stop before taking the lock over", async () => {
    const lockFile = path.join(dir, 'cache', 'helper.lock');
    await mkdir(path.dirname(lockFile), { recursive: true });
    // The builder is gone; its helper still runs, as a render step does for a moment after a kill -9.
    const helper = startIdleProcess();
    await writeFile(lockFile, `999999999\n${helper.child.pid}\n`);
    let waiting!: () => void;
    const told = new Promise<void>((resolve) => (waiting = resolve));
    vi.spyOn(console, 'log').mockImplementation((message: unknown) => {
      if (String(message).startsWith(`Waiting for process ${helper.child.pid}`)) waiting();
    });
    let helperStopped = false;
    let takenWhileHelperRan = false;
    const acquiring = acquireLock(lockFile).then((lock) => {
      takenWhileHelperRan = !helperStopped;
      return lock;
    });
    await told;
    expect(await readFile(lockFile, 'utf8')).toBe(`999999999\n${helper.child.pid}\n`);
    helperStopped = true;
    helper.child.kill('SIGKILL');
    const taken = await acquiring;
    expect(takenWhileHelperRan).toBe(false);
    expect(await readFile(lockFile, 'utf8')).toMatch(ownerLine(process.pid));
    await taken.release();
  });

  it("refuses when a killed build's helper does not stop in time", async () => {
    const lockFile = path.join(dir, 'cache', 'stuck.lock');
    await mkdir(path.dirname(lockFile), { recursive: true });
    const helper = startIdleProcess();
    await writeFile(lockFile, `999999999\n${helper.child.pid}\n`);
    vi.spyOn(console, 'log').mockImplementation(() => {});
    await expect(acquireLock(lockFile, 300)).rejects.toThrow(`process ${helper.child.pid} is still using`);
    helper.child.kill('SIGKILL');
    await helper.exited;
  });

  it('does not wait for a helper that has stopped but was never reaped', async () => {
    const lockFile = path.join(dir, 'cache', 'zombie.lock');
    await mkdir(path.dirname(lockFile), { recursive: true });
    // A child of a shell that then becomes `sleep` (exec), which never reaps children; killed
    // only once the exec has happened (a shell might still have reaped it), it stays a zombie.
    const parent = spawn('sh', ['-c', 'sleep 100000 & echo $!; exec sleep 100000'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const zombie = Number(
      await new Promise<string>((resolve) => parent.stdout.once('data', (data) => resolve(String(data)))),
    );
    while (readFileSync(`/proc/${parent.pid}/comm`, 'utf8').trim() !== 'sleep')
      await new Promise((resolve) => setImmediate(resolve));
    process.kill(zombie, 'SIGKILL');
    await waitForZombie(zombie);
    expect(() => process.kill(zombie, 0)).not.toThrow();
    await writeFile(lockFile, `999999999\n${zombie}\n`);
    const taken = await acquireLock(lockFile, 0);
    await taken.release();
    parent.kill('SIGKILL');
  });

  it('treats a lock that is being written as held', async () => {
    const lockFile = path.join(dir, 'cache', 'young.lock');
    await mkdir(path.dirname(lockFile), { recursive: true });
    await writeFile(lockFile, '');
    await expect(acquireLock(lockFile, 300)).rejects.toThrow(/Another build is starting/);
  });

  it('lets exactly one of two processes take over the same stale lock, in every one of 200 races', async () => {
    const rounds = 200;
    const base = path.join(dir, 'races');
    for (let round = 0; round < rounds; round++) {
      await mkdir(path.join(base, String(round)), { recursive: true });
      // A lock left by a killed build: its process no longer runs.
      await writeFile(path.join(base, String(round), 'build.lock'), '999999999\n');
    }
    const racer = path.join(import.meta.dirname, 'lock-racer.ts');
    const racers = ['a', 'b'].map((name, index, names) => {
      const child = spawn(process.execPath, [racer, base, String(rounds), name, names[1 - index]!], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      return new Promise<number | null>((resolve) => child.on('exit', resolve));
    });
    expect(await Promise.all(racers)).toEqual([0, 0]);
    const outcomes = { one: 0, both: 0, none: 0 };
    for (let round = 0; round < rounds; round++) {
      const results = await Promise.all(
        ['a', 'b'].map((name) => readFile(path.join(base, String(round), `result-${name}`), 'utf8')),
      );
      const winners = results.filter((result) => result === 'won').length;
      if (winners === 1) outcomes.one++;
      else if (winners === 2) outcomes.both++;
      else outcomes.none++;
      for (const result of results) if (result !== 'won') expect(result).toMatch(/^lost: Another build/);
    }
    expect(outcomes).toEqual({ one: rounds, both: 0, none: 0 });
  });

  it('records helpers one a line and forgets them when they end', async () => {
    const lockFile = path.join(dir, 'cache', 'holders.lock');
    const lock = await acquireLock(lockFile);
    await lock.addHolder(4242);
    await lock.addHolder(4343);
    const [owner] = (await readFile(lockFile, 'utf8')).split('\n');
    expect(await readFile(lockFile, 'utf8')).toBe(`${owner}\n4242\n4343\n`);
    await lock.removeHolder(4242);
    expect(await readFile(lockFile, 'utf8')).toBe(`${owner}\n4343\n`);
    await lock.release();
  });
});
