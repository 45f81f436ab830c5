/**
 * Publishing through the real commands: `npm run build` killed with SIGKILL at each named step of a
 * build (told to pause there by DEPESCHE_PAUSE_AT) still leaves the published path a complete release; `npm run rollback` goes back
 * one release and refuses a damaged one; `npm run deploy` copies only what changed and names the
 * URLs to purge; `npm run watch` publishes each good save and keeps the site through a bad one.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDamagedFiles } from '../../src/lib/publish/finish-release.ts';
import { listFilesBelow } from '../../src/lib/paths.ts';
import { PAUSE_LINE, PAUSE_STEPS, type PauseStep } from '../../src/lib/publish/pause-point.ts';
import {
  isRunning,
  listReleases,
  readPublishedId,
  resolveLocalStaging,
  readReleaseFiles,
  resolveReleasesDir,
} from '../../src/lib/publish/release-store.ts';
import { editFile } from '../helpers/content-copy.ts';
import { buildFixture, getBuildEnv, projectRoot } from '../helpers/build-fixture.ts';

const run = promisify(execFile);
const env = { ...getBuildEnv(), DEPESCHE_NOW: '2026-11-20T12:00:00+01:00' };
let work: string;
let content: string;
let out: string;
let cache: string;

const cli = (script: string, args: string[]): Promise<{ stdout: string; stderr: string }> =>
  run(process.execPath, [`src/cli/${script}.ts`, ...args], { cwd: projectRoot, env, maxBuffer: 64 * 1024 * 1024 });
const build = (): Promise<{ stdout: string; stderr: string }> => cli('build', buildArgs());

const edit = (file: string, change: (text: string) => string): Promise<void> => editFile(content, file, change);

const buildArgs = (): string[] => ['--content', content, '--out', out, '--cache', cache, '--quiet'];

interface PausedBuild {
  build: ChildProcess;
  exited: Promise<number | null>;
  /** The process that paused: the build, or its render child for the render-* steps. */
  pid: number;
}

/** Starts `npm run build` told to pause at `step`, and resolves once it has paused there. */
async function startPausedBuild(step: PauseStep): Promise<PausedBuild> {
  const child = spawn(process.execPath, ['src/cli/build.ts', ...buildArgs()], {
    cwd: projectRoot,
    env: { ...env, DEPESCHE_PAUSE_AT: step },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let errors = '';
  const pid = await new Promise<number>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
      const match = PAUSE_LINE.exec(errors);
      if (match?.[1] === step) resolve(Number(match[2]));
    });
    void exited.then((code) => reject(new Error(`The build ended (${code}) without pausing at ${step}:\n${errors}`)));
  });
  return { build: child, exited, pid };
}

/** Resolves once a process has stopped (a zombie counts as stopped). */
async function waitUntilStopped(pid: number): Promise<void> {
  while (isRunning(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The published path is a link to a release whose every file matches its manifest. */
async function expectCompleteRelease(published = out): Promise<string> {
  const releasesDir = resolveReleasesDir(published);
  const id = await readPublishedId(published, releasesDir);
  expect(id).toBeDefined();
  const release = (await listReleases(releasesDir)).find((candidate) => candidate.id === id);
  expect(release).toBeDefined();
  const files = await readReleaseFiles(releasesDir, release!);
  expect(await findDamagedFiles(release!.siteDir, files)).toEqual([]);
  expect(Object.keys(files)).toContain('index.html');
  return id!;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'depesche-publish-'));
  content = path.join(work, 'content');
  out = path.join(work, 'site');
  cache = path.join(work, 'cache');
  await cp(path.join(projectRoot, 'tests/fixtures/basic/content'), content, { recursive: true });
  await build();
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('publishes by pointing the published path at a complete release', async () => {
    const id = await expectCompleteRelease();
    expect(await readlink(out)).toBe(path.join(`.${path.basename(out)}-releases`, id, 'site'));
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('Fixture-Zeitung');
  });

  it('leaves a complete release published when it is killed at any step', async () => {
    let published = await expectCompleteRelease();
    for (const [round, step] of PAUSE_STEPS.entries()) {
      await edit('articles/2026/debatte.md', (text) => `${text.trimEnd()}\nNachtrag ${round}.\n`);
      const paused = await startPausedBuild(step);
      // The renderer is a process of its own, recorded in the lock: it must stop with its parent
      // rather than go on writing into what the next build uses.
      const lock = await readFile(path.join(cache, 'depesche-build.lock'), 'utf8');
      const helpers = lock.split('\n').slice(1).filter(Boolean).map(Number);
      if (step.startsWith('render-')) expect(helpers, step).toEqual([paused.pid]);
      paused.build.kill('SIGKILL');
      await paused.exited;
      for (const helper of helpers) await waitUntilStopped(helper);
      const now = await expectCompleteRelease();
      const page = await readFile(path.join(out, '2026/11/19/debatte/index.html'), 'utf8');
      if (PAUSE_STEPS.indexOf(step) >= PAUSE_STEPS.indexOf('switched')) {
        expect(now, step).not.toBe(published);
        expect(page, step).toContain(`Nachtrag ${round}.`);
      } else {
        expect(now, step).toBe(published);
        expect(page, step).not.toContain(`Nachtrag ${round}.`);
      }
      published = now;
    }
  });

  it('publishes the edit with the next build after one killed while its renderer was writing', async () => {
    await edit('articles/2026/debatte.md', (text) => `${text.trimEnd()}\nNach dem Absturz.\n`);
    const paused = await startPausedBuild('render-generated');
    paused.build.kill('SIGKILL');
    await paused.exited;
    await waitUntilStopped(paused.pid);
    // A killed build leaves nothing a later one trusts: the pages it wrote were in its staging
    // folder, and the graph the next build compares with is the published release's.
    const { stdout } = await build();
    expect(stdout).toMatch(/Published release/);
    expect(stdout).toMatch(/^Pages: 3 rendered, \d+ kept/m);
    await expectCompleteRelease();
    expect(await readFile(path.join(out, '2026/11/19/debatte/index.html'), 'utf8')).toContain('Nach dem Absturz.');
  });

  it('refuses to start with a pause step that does not exist', async () => {
    await expect(
      run(process.execPath, ['src/cli/build.ts', ...buildArgs()], {
        cwd: projectRoot,
        env: { ...env, DEPESCHE_PAUSE_AT: 'rendred' },
      }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('"rendred", which is no step of a build') });
  });
});

describe('two builds at once', () => {
  it('builds another paper in the same project while a build runs', async () => {
    // Builds share only the compiled code (locked on its own), so another --cache and --out may
    // publish beside a build that is under way.
    const first = await startPausedBuild('render-start');
    const other = await cli('build', [
      '--content',
      content,
      '--out',
      path.join(work, 'other'),
      '--cache',
      path.join(work, 'other-cache'),
    ]);
    expect(other.stdout).toMatch(/Published release/);
    process.kill(first.pid, 'SIGUSR2');
    expect(await first.exited).toBe(0);
    await expectCompleteRelease();
  });

  it("runs the test suite's fixture builds beside a running build", async () => {
    const first = await startPausedBuild('locked');
    const fixture = await buildFixture('basic');
    expect(await fixture.exists('/2026/11/19/debatte/')).toBe(true);
    await fixture.remove();
    process.kill(first.pid, 'SIGUSR2');
    expect(await first.exited).toBe(0);
  });
});

describe('npm run rollback', () => {
  it('publishes the release before the current one again', async () => {
    const releasesDir = resolveReleasesDir(out);
    const before = await readPublishedId(out, releasesDir);
    const releases = await listReleases(releasesDir);
    const index = releases.findIndex(({ id }) => id === before);
    expect(index).toBeGreaterThan(0);
    const { stdout } = await cli('rollback', ['--out', out]);
    expect(stdout).toContain(`Published release ${releases[index - 1]!.id} again`);
    expect(await readPublishedId(out, releasesDir)).toBe(releases[index - 1]!.id);
    await cli('rollback', ['--out', out, before!]);
    expect(await readPublishedId(out, releasesDir)).toBe(before);
  });

  it('lists the kept releases and marks the published one', async () => {
    // More releases than are kept, whatever the kills above happened to publish.
    for (let round = 0; round < 6; round++) {
      await edit('articles/2026/debatte.md', (text) => `${text.trimEnd()}\nListe ${round}.\n`);
      await build();
    }
    const { stdout } = await cli('rollback', ['--out', out, '--list']);
    const published = await readPublishedId(out, resolveReleasesDir(out));
    expect(stdout).toContain(`* ${published}`);
    // --keep defaults to 5
    expect(stdout.trim().split('\n')).toHaveLength(5);
  });

  it('refuses a release whose files were damaged', async () => {
    const releasesDir = resolveReleasesDir(out);
    const published = await readPublishedId(out, releasesDir);
    const older = (await listReleases(releasesDir)).filter(({ id }) => id !== published)[0]!;
    const victim = path.join(older.siteDir, 'robots.txt');
    await rm(victim);
    await writeFile(victim, 'User-agent: *\nDisallow: /\n');
    await expect(cli('rollback', ['--out', out, older.id])).rejects.toMatchObject({
      stderr: expect.stringContaining(`Release ${older.id} is damaged`),
    });
    expect(await readPublishedId(out, releasesDir)).toBe(published);
  });
});

describe('npm run deploy', () => {
  let target: string;

  beforeAll(() => {
    target = path.join(work, 'origin');
  });

  it('copies the whole release to a new target', async () => {
    const { stdout } = await cli('deploy', [target, '--from', out]);
    expect(stdout).toMatch(/\(first deploy\)/);
    const files = await listFilesBelow(out);
    for (const file of files) {
      expect((await readFile(path.join(target, file))).equals(await readFile(path.join(out, file)))).toBe(true);
    }
  });

  it('then copies only the changed files and lists the URLs to purge', async () => {
    const untouched = path.join(target, '2010/12/13/amazon/index.html');
    const before = await stat(untouched);
    await edit('articles/2026/debatte.md', (text) => text.replace('gestritten', 'lange gestritten'));
    await build();
    const releasesDir = resolveReleasesDir(out);
    const published = await readPublishedId(out, releasesDir);
    const release = (await listReleases(releasesDir)).find(({ id }) => id === published)!;
    const purgeList = path.join(work, 'purge.txt');
    const { stdout } = await cli('deploy', [target, '--from', out, '--purge-list', purgeList]);
    const copied = Number(/: (\d+) files to copy/.exec(stdout)?.[1]);
    expect(copied).toBeGreaterThan(0);
    expect(copied).toBeLessThan(release.manifest.fileCount / 4);
    expect((await stat(untouched)).mtimeMs).toBe(before.mtimeMs);
    const purge = (await readFile(purgeList, 'utf8')).trim().split('\n');
    expect(purge).toContain('https://fixture.example/2026/11/19/debatte/');
    expect(purge).not.toContain('https://fixture.example/2010/12/13/amazon/');
    expect(stdout).toContain('https://fixture.example/2026/11/19/debatte/');
    for (const file of await listFilesBelow(out)) {
      expect((await readFile(path.join(target, file))).equals(await readFile(path.join(out, file)))).toBe(true);
    }
  });

  it('copies nothing when the target already has the release', async () => {
    const { stdout } = await cli('deploy', [target, '--from', out]);
    expect(stdout).toMatch(/: 0 files to copy \(0 KB\), 0 to remove/);
  });

  it('repairs a page deleted in the target and a page overwritten there, and has them purged', async () => {
    const deleted = '2010/12/13/amazon/index.html';
    await rm(path.join(target, deleted));
    await writeFile(path.join(target, 'index.html'), 'kaputt');
    const { stdout } = await cli('deploy', [target, '--from', out]);
    expect(stdout).toMatch(/: 2 files to copy \(\d+ KB\), 0 to remove/);
    expect(stdout).toContain(`repair ${deleted} (missing from the target)`);
    expect(stdout).toContain('repair index.html (altered in the target)');
    expect(stdout).toContain('https://fixture.example/2010/12/13/amazon/');
    for (const file of [deleted, 'index.html'])
      expect((await readFile(path.join(target, file))).equals(await readFile(path.join(out, file)))).toBe(true);
    const again = await cli('deploy', [target, '--from', out]);
    expect(again.stdout).toMatch(/: 0 files to copy \(0 KB\), 0 to remove/);
  });

  it('finds a change of the same size and time only with --verify, and repairs it', async () => {
    const file = path.join(target, 'robots.txt');
    const original = await readFile(file);
    // Same length, other bytes, and the modification time set back exactly (to the nanosecond).
    const stamp = path.join(work, 'robots-stamp');
    await run('touch', ['-r', file, stamp]);
    await writeFile(file, Buffer.from(original.toString('latin1').replace(/[a-z]/g, 'x'), 'latin1'));
    await run('touch', ['-r', stamp, file]);
    expect((await readFile(file)).equals(original)).toBe(false);
    const quick = await cli('deploy', [target, '--from', out]);
    expect(quick.stdout).toMatch(/: 0 files to copy/);
    const verified = await cli('deploy', [target, '--from', out, '--verify']);
    expect(verified.stdout).toContain('repair robots.txt (altered in the target)');
    expect(verified.stdout).toMatch(/by content hash \(--verify\); 1 to repair/);
    expect((await readFile(file)).equals(original)).toBe(true);
  });

  it('refuses a non-empty folder it never deployed to, directly or through a link, unless forced', async () => {
    const foreign = path.join(work, 'someone-elses');
    await mkdir(foreign);
    await writeFile(path.join(foreign, 'index.html'), 'Eigentum der Nachbarredaktion');
    const linked = path.join(work, 'link-to-someone-elses');
    await symlink(foreign, linked);
    for (const candidate of [foreign, linked]) {
      await expect(cli('deploy', [candidate, '--from', out])).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/Nothing was deployed: .* never received a deploy/),
      });
    }
    expect(await readFile(path.join(foreign, 'index.html'), 'utf8')).toBe('Eigentum der Nachbarredaktion');
    expect(await readdir(foreign)).toEqual(['index.html']);

    await writeFile(path.join(foreign, 'notiz.txt'), 'bleibt');
    const { stdout } = await cli('deploy', [linked, '--from', out, '--force']);
    expect(stdout).toMatch(/\(first deploy\)/);
    expect(stdout).toMatch(
      /1 files in the target are not part of the release and were left alone \(e\.g\. notiz\.txt\)/,
    );
    expect(
      (await readFile(path.join(foreign, 'index.html'))).equals(await readFile(path.join(out, 'index.html'))),
    ).toBe(true);
    expect(await readFile(path.join(foreign, 'notiz.txt'), 'utf8')).toBe('bleibt');
    // Once deployed to, the folder is Depesche's target: no --force needed any more.
    const again = await cli('deploy', [linked, '--from', out]);
    expect(again.stdout).toMatch(/: 0 files to copy/);
  });
});

/**
 * /dev/shm is a tmpfs, another file system than the project's disk on most machines; where it is
 * not (or is missing), the test cannot create the situation and says so.
 */
const OTHER_FILE_SYSTEM = '/dev/shm';
const crossDeviceProblem = !existsSync(OTHER_FILE_SYSTEM)
  ? `${OTHER_FILE_SYSTEM} does not exist`
  : statSync(OTHER_FILE_SYSTEM).dev === statSync(projectRoot).dev
    ? `${OTHER_FILE_SYSTEM} is on the same file system as ${projectRoot}`
    : undefined;
if (crossDeviceProblem)
  console.warn(`Skipping the test of --out on another file system: ${crossDeviceProblem}, and there is no other here.`);

describe.skipIf(crossDeviceProblem !== undefined)('npm run build --out on another file system', () => {
  let elsewhere: string;

  beforeAll(async () => {
    elsewhere = await mkdtemp(path.join(OTHER_FILE_SYSTEM, 'depesche-publish-'));
  });

  afterAll(async () => {
    await rm(elsewhere, { recursive: true, force: true });
  });

  it('publishes complete releases there, sharing unchanged files between them', async () => {
    const site = path.join(elsewhere, 'site');
    const otherCache = path.join(work, 'cache-elsewhere');
    expect(statSync(elsewhere).dev).not.toBe(statSync(projectRoot).dev);
    const publish = (): Promise<{ stdout: string }> =>
      cli('build', ['--content', content, '--out', site, '--cache', otherCache, '--quiet']);
    expect((await publish()).stdout).toMatch(/Published release/);
    const first = await expectCompleteRelease(site);
    await edit('articles/2026/debatte.md', (text) => `${text.trimEnd()}\nAuf der anderen Platte.\n`);
    expect((await publish()).stdout).toMatch(/Published release/);
    const second = await expectCompleteRelease(site);
    expect(second).not.toBe(first);
    expect(await readFile(path.join(site, '2026/11/19/debatte/index.html'), 'utf8')).toContain(
      'Auf der anderen Platte.',
    );
    const releasesDir = resolveReleasesDir(site);
    // The stylesheet did not change: the second release has the first's file, not a copy.
    const [before, after] = await Promise.all(
      [first, second].map(async (id) => {
        const siteDir = path.join(releasesDir, id, 'site');
        const css = (await readdir(path.join(siteDir, '_astro'))).find((name) => name.endsWith('.css'))!;
        return stat(path.join(siteDir, '_astro', css));
      }),
    );
    expect(after!.ino).toBe(before!.ino);
    // Nothing is left staged on the project's disk.
    expect(existsSync(resolveLocalStaging(projectRoot))).toBe(false);
  });
});

describe('npm run watch', () => {
  let watcher: ChildProcess | undefined;
  let log = '';

  afterAll(() => {
    watcher?.kill('SIGKILL');
  });

  /** Resolves when the watcher's output after `after` matches; fails if the watcher ends first. */
  const waitFor = (pattern: RegExp, after: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const look = (): boolean => {
        const match = pattern.exec(log.slice(after));
        if (match) {
          watcher!.stdout!.off('data', look);
          watcher!.stderr!.off('data', look);
          resolve(match[0]);
        }
        return Boolean(match);
      };
      if (look()) return;
      watcher!.stdout!.on('data', look);
      watcher!.stderr!.on('data', look);
      watcher!.once('exit', () => reject(new Error(`watch ended without printing ${pattern}; it printed:\n${log}`)));
    });

  it('publishes a save, keeps the site through bad content, and publishes the fix', async () => {
    watcher = spawn(
      process.execPath,
      ['src/cli/watch.ts', '--content', content, '--out', out, '--cache', cache, '--debounce', '100'],
      { cwd: projectRoot, env },
    );
    watcher.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    watcher.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await waitFor(/\[watch\] published/, 0);

    let mark = log.length;
    await edit('articles/2026/debatte.md', (text) => text.replace('lange gestritten', 'im Plenum gestritten'));
    await waitFor(/\[watch\] published [\d.]+ s after the save/, mark);
    expect(await readFile(path.join(out, '2026/11/19/debatte/index.html'), 'utf8')).toContain('im Plenum');
    const good = await expectCompleteRelease();

    mark = log.length;
    await edit('articles/2026/debatte.md', (text) => text.replace(/^date: .*$/m, 'date: 2026-02-30 10:00'));
    await waitFor(/nothing was published/, mark);
    expect(log.slice(mark)).toMatch(/debatte\.md:\d+ date — expected a real date/);
    expect(await expectCompleteRelease()).toBe(good);

    mark = log.length;
    await edit('articles/2026/debatte.md', (text) =>
      text.replace('date: 2026-02-30 10:00', 'date: 2026-11-19 16:30').replace('im Plenum', 'wieder im Plenum'),
    );
    await waitFor(/\[watch\] published/, mark);
    expect(await readFile(path.join(out, '2026/11/19/debatte/index.html'), 'utf8')).toContain('wieder im Plenum');
    await expectCompleteRelease();
  });
});
