/**
 * The incremental oracle's tools: a paper in a temporary folder, built with `node src/cli/build.ts`
 * into a long-lived output (the incremental build), and compared file by file with a cold build of
 * the same content at the same build time (a new cache and releases folder). Used by
 * tests/build/incremental.test.ts (one edit of each kind) and incremental-random.test.ts (random
 * sequences of edits). In watch mode the incremental builds are publishes of one long-lived
 * `npm run watch` (src/cli/watch.ts), asked for over its IPC channel after the edits: its
 * watcher sees the edits as an editor's saves, and it keeps its renderer, newsroom and graph
 * from publish to publish.
 */
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, readlink, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { parseManifest } from '../../src/lib/publish/manifest.ts';
import { listFilesBelow } from '../../src/lib/paths.ts';
import { PAGE_GRAPH_FILE, parsePageGraph } from '../../src/lib/publish/engine/page-plan.ts';
import { MANIFEST_FILE } from '../../src/lib/publish/release-store.ts';
import { readSearchedPages } from '../../src/lib/publish/search-index.ts';
import { getBuildEnv, projectRoot } from './build-fixture.ts';

const run = promisify(execFile);

export interface BuildResult {
  out: string;
  /** The page files this build rendered, from its release's page graph. */
  rendered: string[];
  /** Every page file of the release, from its page graph. */
  pages: string[];
  /** The page files whose bytes this release added or changed against the one before. */
  changedPages: string[];
  stdout: string;
}

export interface SiteBuild {
  /** The content folder. */
  content: string;
  /** The build time (DEPESCHE_NOW). */
  now: string;
  out: string;
  cache: string;
  /** The project whose code builds the site. */
  root?: string | undefined;
}

/** One `npm run build` (as `node src/cli/build.ts`), waited for, and what its release records. */
export async function buildSite({ content, now, out, cache, root = projectRoot }: SiteBuild): Promise<BuildResult> {
  const { stdout } = await run(
    process.execPath,
    ['src/cli/build.ts', '--content', content, '--out', out, '--cache', cache, '--keep', '30'],
    { cwd: root, env: { ...getBuildEnv(), DEPESCHE_NOW: now }, maxBuffer: 64 * 1024 * 1024 },
  );
  return readBuildResult(out, stdout);
}

/** What the release published at `out` records, with what its build printed. */
async function readBuildResult(out: string, stdout: string): Promise<BuildResult> {
  const releaseDir = path.dirname(path.resolve(path.dirname(out), await readlink(out)));
  const graph = parsePageGraph(await readFile(path.join(releaseDir, PAGE_GRAPH_FILE), 'utf8'));
  if (!graph) throw new Error(`The release in ${releaseDir} has no readable page graph.`);
  const manifestFile = path.join(releaseDir, MANIFEST_FILE);
  const { changes } = parseManifest(await readFile(manifestFile, 'utf8'), manifestFile);
  const changedPages = [...changes.added, ...changes.changed].filter((file) => graph.pages.has(file)).sort();
  return { out, rendered: graph.rendered, pages: [...graph.pages.keys()].sort(), changedPages, stdout };
}

/** Releases the oracle's watcher keeps. */
export const WATCH_KEEP = 4;

type WatchAnswer =
  | { type: 'published'; ids: number[]; release: string; summary: string }
  | { type: 'not-published'; ids: number[]; message: string };

/**
 * `npm run watch` on a paper, with a wait for more saves so long that it publishes only when
 * asked over IPC (and once when it starts): each rebuild is one publish, and its watcher still
 * sees the edits. Its build time is fixed at its start.
 */
class Watcher {
  readonly #child: ChildProcess;
  readonly #waiting = new Map<number, { resolve(answer: WatchAnswer): void; reject(error: Error): void }>();
  #asked = 0;
  #log = '';
  readonly #ended: Promise<void>;
  /** The watcher listens for requests: a message sent before would be lost. */
  readonly #listening: Promise<void>;
  /** Its first publish, which it makes when it starts, unasked. */
  readonly first: Promise<WatchAnswer>;

  constructor(
    { content, now, out, cache, root = projectRoot }: SiteBuild,
    readonly startedAt: string,
  ) {
    this.#child = fork(
      'src/cli/watch.ts',
      // Few releases kept: the watcher prunes after nearly every publish, as it does in a newsroom.
      [
        '--content',
        content,
        '--out',
        out,
        '--cache',
        cache,
        '--keep',
        String(WATCH_KEEP),
        '--debounce',
        String(2 ** 31 - 1),
      ],
      { cwd: root, env: { ...getBuildEnv(), DEPESCHE_NOW: now }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
    );
    for (const stream of [this.#child.stdout!, this.#child.stderr!])
      stream.on('data', (chunk: Buffer) => (this.#log = (this.#log + chunk.toString()).slice(-20_000)));
    let answerFirst: (answer: WatchAnswer) => void = () => {};
    this.first = new Promise((resolve) => (answerFirst = resolve));
    let answers = 0;
    this.#listening = new Promise((resolve) =>
      this.#child.on('message', (message: WatchAnswer | { type: 'watching' }) => {
        if (message.type === 'watching') return resolve();
        if (answers++ === 0) answerFirst(message);
        for (const id of message.ids) {
          this.#waiting.get(id)?.resolve(message);
          this.#waiting.delete(id);
        }
      }),
    );
    this.#ended = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => {
        const error = new Error(`npm run watch ended (${signal ?? code}) before it published:\n${this.#log}`);
        for (const waiting of this.#waiting.values()) waiting.reject(error);
        this.#waiting.clear();
        answerFirst({ type: 'not-published', ids: [], message: error.message });
        resolve();
      });
    });
  }

  /** A publish that starts after this call: its release, or the watcher's account of why none. */
  async publish(): Promise<WatchAnswer> {
    const id = ++this.#asked;
    const answered = new Promise<WatchAnswer>((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
    await Promise.race([this.#listening, this.#ended]);
    if (this.#child.connected) this.#child.send({ type: 'publish', id });
    return answered;
  }

  async stop(): Promise<void> {
    this.#child.kill('SIGTERM');
    await this.#ended;
  }
}

/** The key readSite files the search index under. */
export const SEARCH_FINDS = 'pagefind: articles found, by hash';

/**
 * The search index is compared by what a search finds, not by bytes: an incremental build keeps
 * recent changes in a delta part where a cold build has them in their calendar parts, and Pagefind
 * writes its filter and metadata files from hash maps (Pagefind issue #638). Every page and feed is
 * compared byte for byte. The nginx block names its own folder, so that line is set aside.
 */
export async function readSite(out: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of (await listFilesBelow(out)).sort()) {
    if (file.startsWith('pagefind/')) continue;
    const bytes = await readFile(path.join(out, file));
    files.set(
      file,
      file === 'nginx.conf' ? bytes.toString('utf8').replace(/root [^;]+;/, 'root …;') : bytes.toString('base64'),
    );
  }
  files.set(SEARCH_FINDS, JSON.stringify([...(await readSearchedPages(out))].sort()));
  return files;
}

/** A file that differs between the cold and the incremental build, with the first lines that differ. */
export interface Difference {
  file: string;
  cold: string;
  incremental: string;
}

const TEXT_FILE = /\.(html|xml|txt|json|css|js|conf)$|^_headers$|^_redirects$/;

/** A file as readSite holds it, as text a reader can compare; undefined for binary files. */
function readable(file: string, value: string): string | undefined {
  if (file === SEARCH_FINDS || file === 'nginx.conf') return value;
  return TEXT_FILE.test(file) ? Buffer.from(value, 'base64').toString('utf8') : undefined;
}

/** Where two versions of a file part: a little of each from the first character that differs. */
function describeDifference(file: string, cold: string | undefined, incremental: string | undefined): Difference {
  if (cold === undefined || incremental === undefined)
    return {
      file,
      cold: cold === undefined ? '(missing)' : '(present)',
      incremental: incremental === undefined ? '(missing)' : '(present)',
    };
  const [a, b] = [readable(file, cold), readable(file, incremental)];
  if (a === undefined || b === undefined) {
    const size = (value: string): string => `${Buffer.from(value, 'base64').length} bytes`;
    return { file, cold: size(cold), incremental: size(incremental) };
  }
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  const from = Math.max(0, start - 80);
  return { file, cold: a.slice(from, start + 160), incremental: b.slice(from, start + 160) };
}

/** Every file that is missing from, extra in or different in `rebuilt` against `fresh`. */
export function diffSites(fresh: Map<string, string>, rebuilt: Map<string, string>): Difference[] {
  const files = [...new Set([...fresh.keys(), ...rebuilt.keys()])].sort();
  return files
    .filter((file) => fresh.get(file) !== rebuilt.get(file))
    .map((file) => describeDifference(file, fresh.get(file), rebuilt.get(file)));
}

/**
 * A paper under test: a copy of a fixture's content in a temporary folder, the build time its
 * builds run at, one long-lived incremental output, and cold builds to compare it with.
 */
export class Oracle {
  /** The build time every build runs at; tests move it on to let an embargo pass. */
  now: string;
  private coldRuns = 0;
  /** The watcher of watch mode, started at the first rebuild (and again when `now` moves). */
  private watcher: Watcher | undefined;

  private constructor(
    /** The temporary folder everything lives in. */
    readonly work: string,
    /** The paper's content folder, for tests to edit. */
    readonly content: string,
    now: string,
    /** How the incremental builds run: `npm run build` each, or publishes of one `npm run watch`. */
    readonly mode: 'one-shot' | 'watch',
  ) {
    this.now = now;
  }

  static async create(
    fixture: string,
    now = '2026-11-20T12:00:00+01:00',
    mode: 'one-shot' | 'watch' = 'one-shot',
  ): Promise<Oracle> {
    const work = await mkdtemp(path.join(os.tmpdir(), 'depesche-oracle-'));
    const content = path.join(work, 'content');
    await cp(path.join(projectRoot, 'tests/fixtures', fixture, 'content'), content, { recursive: true });
    return new Oracle(work, content, now, mode);
  }

  /** A build of the paper as it is now into `out`, with its own cache. */
  build(out: string, cache: string, root?: string): Promise<BuildResult> {
    return buildSite({ content: this.content, now: this.now, out, cache, root });
  }

  /**
   * The incremental build: always into the same output, with the same cache; in watch mode (the
   * oracle's `mode`, or `inWatch` for this one) a publish of the watcher, which is started again
   * when the build time has moved since it started.
   */
  async rebuild(inWatch = this.mode === 'watch'): Promise<BuildResult> {
    const cache = path.join(this.work, 'cache');
    if (!inWatch) return this.build(this.incrementalOut, cache);
    let answer: WatchAnswer;
    if (this.watcher?.startedAt === this.now) answer = await this.watcher.publish();
    else {
      // A watcher started after the edits publishes them first, by itself.
      await this.watcher?.stop();
      this.watcher = new Watcher({ content: this.content, now: this.now, out: this.incrementalOut, cache }, this.now);
      answer = await this.watcher.first;
    }
    if (answer.type === 'not-published') throw new Error(`npm run watch published nothing: ${answer.message}`);
    return readBuildResult(this.incrementalOut, answer.summary);
  }

  get incrementalOut(): string {
    return path.join(this.work, 'incremental', 'site');
  }

  /**
   * Builds the content cold (new releases folder and cache, same build time) and lists every file
   * where `incremental`'s published site differs from it. The cold build is removed afterwards.
   */
  async diffWithColdBuild(incremental: BuildResult, root?: string): Promise<Difference[]> {
    this.coldRuns++;
    const coldDir = path.join(this.work, `cold-${this.coldRuns}`);
    const cold = await this.build(path.join(coldDir, 'site'), path.join(coldDir, 'cache'), root);
    const [fresh, rebuilt] = await Promise.all([readSite(cold.out), readSite(incremental.out)]);
    await rm(coldDir, { recursive: true, force: true });
    return diffSites(fresh, rebuilt);
  }

  /** `incremental`'s published site is the cold build's, file for file and byte for byte. */
  async expectSameAsColdBuild(incremental: BuildResult, root?: string, context?: string): Promise<void> {
    expect(await this.diffWithColdBuild(incremental, root), context).toEqual([]);
  }

  async remove(): Promise<void> {
    await this.watcher?.stop();
    await rm(this.work, { recursive: true, force: true });
  }
}
