/**
 * No stale page: a paper is built, changed in each way a newsroom changes it, and rebuilt
 * incrementally with `npm run build`; after every change the published site must be byte-identical
 * to a cold build (fresh caches) of the changed content, while most pages are copied rather than
 * rendered. Older releases must never change under a rebuild (their files are shared by hard links).
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPages } from '../../src/lib/publish/count-pages.ts';
import { findDamagedFiles } from '../../src/lib/publish/finish-release.ts';
import { listFilesBelow } from '../../src/lib/paths.ts';
import { listReleases, resolveReleasesDir } from '../../src/lib/publish/release-store.ts';
import { readSearchedPages } from '../../src/lib/publish/search-index.ts';
import { editFile } from '../helpers/content-copy.ts';
import { getBuildEnv, projectRoot } from '../helpers/build-fixture.ts';

const run = promisify(execFile);
let work: string;
let content: string;
let coldRuns = 0;

interface BuildResult {
  out: string;
  rendered: number;
  skipped: number;
  stdout: string;
}

async function buildSite(out: string, cache: string, extra: string[] = []): Promise<BuildResult> {
  const { stdout } = await run(
    process.execPath,
    ['src/cli/build.ts', '--content', content, '--out', out, '--cache', cache, '--keep', '20', ...extra],
    {
      cwd: projectRoot,
      env: { ...getBuildEnv(), DEPESCHE_NOW: '2026-11-20T12:00:00+01:00' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return { out, ...countPages(stdout), stdout };
}

/**
 * The search index is compared by what a search finds, not by bytes: an incremental build keeps
 * recent changes in a delta part where a cold build has them in their calendar parts, and Pagefind
 * writes its filter and metadata files from hash maps (Pagefind issue #638). Every page and feed is
 * compared byte for byte. The nginx block names its own folder, so that line is set aside.
 */
async function readSite(out: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of (await listFilesBelow(out)).sort()) {
    if (file.startsWith('pagefind/')) continue;
    const bytes = await readFile(path.join(out, file));
    files.set(
      file,
      file === 'nginx.conf' ? bytes.toString('utf8').replace(/root [^;]+;/, 'root …;') : bytes.toString('base64'),
    );
  }
  files.set('pagefind: articles found, by hash', JSON.stringify([...(await readSearchedPages(out))].sort()));
  return files;
}

async function expectSameAsColdBuild(incremental: BuildResult): Promise<void> {
  coldRuns++;
  const cold = await buildSite(path.join(work, `cold-${coldRuns}`), path.join(work, `cold-cache-${coldRuns}`));
  expect(cold.skipped).toBe(0);
  const [fresh, rebuilt] = await Promise.all([readSite(cold.out), readSite(incremental.out)]);
  expect([...rebuilt.keys()]).toEqual([...fresh.keys()]);
  const differing = [...fresh.keys()].filter((file) => fresh.get(file) !== rebuilt.get(file));
  expect(differing).toEqual([]);
}

const edit = (file: string, change: (text: string) => string): Promise<void> => editFile(content, file, change);

const incrementalOut = (): string => path.join(work, 'site');
const rebuild = (extra: string[] = []): Promise<BuildResult> =>
  buildSite(incrementalOut(), path.join(work, 'cache'), extra);

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'depesche-incremental-'));
  content = path.join(work, 'content');
  await cp(path.join(projectRoot, 'tests/fixtures/basic/content'), content, { recursive: true });
  const first = await rebuild();
  expect(first.rendered).toBeGreaterThan(50);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('an incremental build', () => {
  it('renders only the pages that are never cached when nothing changed', async () => {
    const result = await rebuild();
    // The front page, the 404 page and robots.txt have no getStaticPaths, so no cache key.
    expect(result.rendered).toBe(3);
    expect(result.stdout).toMatch(/0 files added, 0 changed, 0 removed/);
    expect(result.stdout).toMatch(/pictures: 8 variants of 2 pictures, 0 made, 8 from the cache/);
  });

  it('stays incremental across quiet and verbose builds, as watch and build alternate', async () => {
    const quiet = await rebuild(['--quiet']);
    expect(quiet.stdout).not.toMatch(/├─/);
    expect(quiet.stdout).toMatch(/0 files added, 0 changed, 0 removed/);
    const verbose = await rebuild();
    expect(verbose.rendered).toBe(3);
  });

  it('after a body edit re-renders the article and its text editions, and nothing is stale', async () => {
    await edit('articles/2026/debatte.md', (text) => text.replace('gestritten.', 'heftig gestritten.'));
    const result = await rebuild();
    // article page, /text/ page and .txt file, plus the three uncached pages
    expect(result.rendered).toBe(6);
    await expectSameAsColdBuild(result);
  });

  it('after a headline edit updates every list that shows the headline', async () => {
    await edit('articles/2026/debatte.md', (text) => text.replace('Debatte über Netzausbau', 'Streit über Netzausbau'));
    const result = await rebuild();
    expect(result.rendered).toBeGreaterThan(6);
    expect(result.skipped).toBeGreaterThan(result.rendered);
    await expectSameAsColdBuild(result);
  });

  it('after an article is added', async () => {
    await writeFile(
      path.join(content, 'articles/2026/neu.md'),
      '---\nid: 5200099\nheadline: Neue Meldung\nteaser: Etwas ist passiert.\ndate: 2026-11-20 09:00\nsection: politik\ntopics: [energie]\nauthors: [tkleinz]\n---\nDer Text der neuen Meldung.\n',
    );
    await expectSameAsColdBuild(await rebuild());
  });

  it('after an article is deleted', async () => {
    await rm(path.join(content, 'articles/2026/neu.md'));
    await expectSameAsColdBuild(await rebuild());
  });

  it("after an author's bio is edited", async () => {
    await edit('authors/jbeispiel.yaml', (text) =>
      text.replace('Berichtet aus dem Parlament.', 'Schreibt über Politik.'),
    );
    const result = await rebuild();
    expect(result.skipped).toBeGreaterThan(result.rendered);
    await expectSameAsColdBuild(result);
  });

  it("after an author's name is edited, which every byline shows", async () => {
    await edit('authors/jbeispiel.yaml', (text) => text.replace('Jana Beispiel', 'Jana Muster'));
    await expectSameAsColdBuild(await rebuild());
  });

  it('after a topic is renamed', async () => {
    await edit('topics.yaml', (text) => text.replace('name: Energie', 'name: Energiewende'));
    await expectSameAsColdBuild(await rebuild());
  });

  it("after a page's body is edited", async () => {
    await edit('pages/unterstuetzen.md', (text) => text.replace('frei.', 'unabhängig.'));
    const result = await rebuild();
    expect(result.rendered).toBe(4);
    await expectSameAsColdBuild(result);
  });

  it("after a site setting that every page's frame shows is edited", async () => {
    await edit('site.yaml', (text) => text.replace('Testausgabe', 'Die Testausgabe'));
    await expectSameAsColdBuild(await rebuild());
  });

  it('after a picture is replaced under the same name, every page that shows it names its new files', async () => {
    const page = path.join(incrementalOut(), '2010/12/13/amazon/index.html');
    const before = /<img src="([^"]+)"/.exec(await readFile(page, 'utf8'))?.[1];
    const photo = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#2a6' } })
      .jpeg()
      .toBuffer();
    await writeFile(path.join(content, 'images/server.jpg'), photo);
    const result = await rebuild();
    expect(result.stdout).toMatch(/pictures: 8 variants of 2 pictures, 5 made, 3 from the cache/);
    expect(/<img src="([^"]+)"/.exec(await readFile(page, 'utf8'))?.[1]).not.toBe(before);
    await expectSameAsColdBuild(result);
  });

  it('never changes a file of an older release', async () => {
    const releases = await listReleases(resolveReleasesDir(incrementalOut()));
    expect(releases.length).toBeGreaterThan(8);
    for (const release of releases) {
      expect(await findDamagedFiles(release.siteDir, release.manifest.files)).toEqual([]);
    }
  });
});
