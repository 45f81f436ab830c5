import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    version: 1,
    id,
    createdAt: '2026-11-21T08:00:00.000Z',
    siteUrl: 'https://zeitung.example',
    previous: null,
    searchDigest: null,
    files: {},
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

describe('acquireLock', () => {
  it('refuses a second build while the first holds the lock, and takes over a dead one', async () => {
    const lockFile = path.join(dir, 'cache', 'build.lock');
    const lock = await acquireLock(lockFile);
    await expect(acquireLock(lockFile)).rejects.toThrow(/Another build \(process \d+\)/);
    await lock.release();
    // A process id that cannot be running: the lock of a killed build.
    await writeFile(lockFile, '999999999');
    const taken = await acquireLock(lockFile);
    expect(await readFile(lockFile, 'utf8')).toBe(`${process.pid}\n`);
    await taken.release();
  });

  it("waits for a killed build's helper to stop before taking the lock over", async () => {
    const lockFile = path.join(dir, 'cache', 'helper.lock');
    await mkdir(path.dirname(lockFile), { recursive: true });
    // The builder is gone; its helper still runs for a moment, as a render step does after a kill -9.
    const helper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600)'], { stdio: 'ignore' });
    let stoppedAt = Number.POSITIVE_INFINITY;
    helper.on('exit', () => (stoppedAt = Date.now()));
    await writeFile(lockFile, `999999999\n${helper.pid}\n`);
    const taken = await acquireLock(lockFile);
    expect(Date.now()).toBeGreaterThanOrEqual(stoppedAt);
    await taken.release();
  });

  it("refuses when a killed build's helper does not stop in time", async () => {
    const lockFile = path.join(dir, 'cache', 'stuck.lock');
    await mkdir(path.dirname(lockFile), { recursive: true });
    const helper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
    await writeFile(lockFile, `999999999\n${helper.pid}\n`);
    await expect(acquireLock(lockFile, 300)).rejects.toThrow(`process ${helper.pid} is still using`);
    helper.kill('SIGKILL');
  });

  it('does not wait for a helper that has stopped but was never reaped', async () => {
    const lockFile = path.join(dir, 'cache', 'zombie.lock');
    await mkdir(path.dirname(lockFile), { recursive: true });
    // `sleep 0.2` ends soon, and its parent, by then exec'd into `sleep 5`, never reaps it: a zombie.
    const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const zombie = Number(
      await new Promise<string>((resolve) => parent.stdout.once('data', (data) => resolve(String(data)))),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(() => process.kill(zombie, 0)).not.toThrow();
    expect(readFileSync(`/proc/${zombie}/stat`, 'utf8')).toMatch(/\) Z /);
    await writeFile(lockFile, `999999999\n${zombie}\n`);
    const taken = await acquireLock(lockFile, 300);
    await taken.release();
    parent.kill('SIGKILL');
  });

  it('treats a lock that is being written as held', async () => {
    const lockFile = path.join(dir, 'cache', 'young.lock');
    await mkdir(path.dirname(lockFile), { recursive: true });
    await writeFile(lockFile, '');
    await expect(acquireLock(lockFile, 300)).rejects.toThrow(/Another build is starting/);
  });

  it('records helpers one a line and forgets them when they end', async () => {
    const lockFile = path.join(dir, 'cache', 'holders.lock');
    const lock = await acquireLock(lockFile);
    await lock.addHolder(4242);
    await lock.addHolder(4343);
    expect(await readFile(lockFile, 'utf8')).toBe(`${process.pid}\n4242\n4343\n`);
    await lock.removeHolder(4242);
    expect(await readFile(lockFile, 'utf8')).toBe(`${process.pid}\n4343\n`);
    await lock.release();
  });
});
