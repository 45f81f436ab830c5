/**
 * No stale page: a paper is built, changed in each way a newsroom changes it, and rebuilt with
 * `npm run build`; after every change the published site must be byte-identical to a cold build
 * (empty caches, new releases folder) of the changed content, and the build must have rendered
 * exactly the pages whose files changed or appeared: no more (the page graph's keys are precise),
 * no fewer (a page not rendered would be stale). Older releases must never change under a rebuild
 * (their files are shared by hard links).
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDamagedFiles } from '../../src/lib/publish/finish-release.ts';
import { resolveFolderStore } from '../../src/lib/publish/folder-store.ts';
import {
  listReleases,
  readFolderCounts,
  readReleaseFiles,
  resolveReleasesDir,
} from '../../src/lib/publish/release-store.ts';
import { copyProject, editFile } from '../helpers/content-copy.ts';
import { Oracle, WATCH_KEEP, type BuildResult } from '../helpers/oracle.ts';

/**
 * The build rendered `count` pages, among them every page whose file changed. Keys are coarser
 * than what pages show in places (docs/architecture.md), so some rendered pages come out the same
 * as before; the count pins that, so a key that loses precision shows here.
 */
function expectRendered(result: BuildResult, count: number): void {
  expect(result.changedPages.filter((file) => !result.rendered.includes(file))).toEqual([]);
  expect(result.rendered.length).toBe(count);
}

// The same edits, published by `npm run build` each time, and by one `npm run watch` that keeps its
// renderer, newsroom and graph from publish to publish.
describe.each([
  ['npm run build', 'one-shot'],
  ['npm run watch', 'watch'],
] as const)('an incremental build by %s', (_command, mode) => {
  /** The paper every test edits in turn; its build time starts at 2026-11-20T12:00:00+01:00. */
  let oracle: Oracle;
  let content: string;
  const edit = (file: string, change: (text: string) => string): Promise<void> => editFile(content, file, change);
  const rebuild = (): Promise<BuildResult> => oracle.rebuild();

  beforeAll(async () => {
    oracle = await Oracle.create('basic', undefined, mode);
    content = oracle.content;
    const first = await rebuild();
    expect(first.pages.length).toBeGreaterThan(50);
    // A watcher's first publish renders everything; the one asked for after it, nothing.
    if (mode === 'one-shot') expect(first.rendered.length).toBe(first.pages.length);
  });

  afterAll(async () => {
    await oracle.remove();
  });

  it('renders no page when nothing changed', async () => {
    const result = await rebuild();
    expect(result.rendered).toEqual([]);
    expect(result.stdout).toMatch(/0 files added, 0 changed, 0 removed/);
    expect(result.stdout).toMatch(
      /pictures: 8 variants of 2 pictures, 0 made, 0 from the cache, 8 kept from the published release/,
    );
  });

  it('after a body edit renders the article and its text editions, and nothing is stale', async () => {
    await edit('articles/2026/debatte.md', (text) => text.replace('gestritten.', 'heftig gestritten.'));
    const result = await rebuild();
    expect(result.rendered).toEqual([
      '2026/11/19/debatte/index.html',
      'text/2026/11/19/debatte.txt',
      'text/2026/11/19/debatte/index.html',
    ]);
    expectRendered(result, 3);
    await oracle.expectSameAsColdBuild(result);
  });

  it('after a headline edit renders every list and feed that shows the headline', async () => {
    await edit('articles/2026/debatte.md', (text) => text.replace('Debatte über Netzausbau', 'Streit über Netzausbau'));
    const result = await rebuild();
    expect(result.rendered).toContain('index.html');
    expect(result.rendered).toContain('politik/feed.xml');
    expectRendered(result, 34);
    await oracle.expectSameAsColdBuild(result);
  });

  it('after an article is added', async () => {
    await writeFile(
      path.join(content, 'articles/2026/neu.md'),
      '---\nid: 5200099\nheadline: Neue Meldung\nteaser: Etwas ist passiert.\ndate: 2026-11-20 09:00\nsection: politik\ntopics: [energie]\nauthors: [tkleinz]\n---\nDer Text der neuen Meldung.\n',
    );
    const result = await rebuild();
    expect(result.rendered).toContain('2026/11/20/neu/index.html');
    expectRendered(result, 33);
    await oracle.expectSameAsColdBuild(result);
  });

  it('after an article moves to another section', async () => {
    await edit('articles/2026/neu.md', (text) => text.replace('section: politik', 'section: wirtschaft'));
    const result = await rebuild();
    expect(result.rendered).toEqual(expect.arrayContaining(['politik/index.html', 'wirtschaft/index.html']));
    expectRendered(result, 35);
    await oracle.expectSameAsColdBuild(result);
  });

  it('after a topic is added to the paper and to an article', async () => {
    await edit('topics.yaml', (text) => `${text.trimEnd()}\n- id: verkehr\n  name: Verkehr\n`);
    await edit('articles/2026/neu.md', (text) => text.replace('topics: [energie]', 'topics: [energie, verkehr]'));
    const result = await rebuild();
    expect(result.rendered).toContain('thema/verkehr/index.html');
    expectRendered(result, 33);
    await oracle.expectSameAsColdBuild(result);
  });

  it('after a related link is added', async () => {
    await edit('articles/2026/neu.md', (text) =>
      text.replace('authors: [tkleinz]', 'authors: [tkleinz]\nrelated: [5130200]'),
    );
    const result = await rebuild();
    expect(result.rendered).toContain('2026/11/20/neu/index.html');
    expectRendered(result, 33);
    await oracle.expectSameAsColdBuild(result);
  });

  it('after an article loses its date and moves to the undated articles', async () => {
    await edit('articles/2026/neu.md', (text) => text.replace('date: 2026-11-20 09:00\n', ''));
    const result = await rebuild();
    expect(result.rendered).toContain('artikel/neu/index.html');
    expectRendered(result, 43);
    await oracle.expectSameAsColdBuild(result);
  });

  it('after an article is deleted', async () => {
    await rm(path.join(content, 'articles/2026/neu.md'));
    const result = await rebuild();
    expectRendered(result, 17);
    await oracle.expectSameAsColdBuild(result);
  });

  it("after an author's bio is edited", async () => {
    await edit('authors/jbeispiel.yaml', (text) =>
      text.replace('Berichtet aus dem Parlament.', 'Schreibt über Politik.'),
    );
    const result = await rebuild();
    expect(result.rendered).toContain('autor/jbeispiel/index.html');
    expectRendered(result, 5);
    await oracle.expectSameAsColdBuild(result);
  });

  it("after an author's name is edited, which every byline shows", async () => {
    await edit('authors/jbeispiel.yaml', (text) => text.replace('Jana Beispiel', 'Jana Muster'));
    const result = await rebuild();
    expectRendered(result, 63);
    await oracle.expectSameAsColdBuild(result);
  });

  it('after a topic is renamed', async () => {
    await edit('topics.yaml', (text) => text.replace('name: Energie', 'name: Energiewende'));
    const result = await rebuild();
    expectRendered(result, 43);
    await oracle.expectSameAsColdBuild(result);
  });

  it("after a page's body is edited", async () => {
    await edit('pages/unterstuetzen.md', (text) => text.replace('frei.', 'unabhängig.'));
    const result = await rebuild();
    expect(result.rendered).toEqual(['unterstuetzen/index.html']);
    expectRendered(result, 1);
    await oracle.expectSameAsColdBuild(result);
  });

  it("after a site setting that every page's frame shows is edited", async () => {
    await edit('site.yaml', (text) => text.replace('Testausgabe', 'Die Testausgabe'));
    const result = await rebuild();
    expectRendered(result, 78);
    await oracle.expectSameAsColdBuild(result);
  });

  it("after an embargoed article's time arrives", async () => {
    oracle.now = '2026-11-21T07:00:00+01:00';
    const result = await rebuild();
    expect(result.rendered).toContain('2026/11/21/sperrfrist/index.html');
    expectRendered(result, 23);
    await oracle.expectSameAsColdBuild(result);
  });

  it('after a picture is replaced under the same name, every page that shows it names its new files', async () => {
    const page = path.join(oracle.incrementalOut, '2010/12/13/amazon/index.html');
    const before = /<img src="([^"]+)"/.exec(await readFile(page, 'utf8'))?.[1];
    const photo = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#2a6' } })
      .jpeg()
      .toBuffer();
    await writeFile(path.join(content, 'images/server.jpg'), photo);
    const result = await rebuild();
    expect(result.stdout).toMatch(
      /pictures: 8 variants of 2 pictures, 5 made, 0 from the cache, 3 kept from the published release/,
    );
    expect(/<img src="([^"]+)"/.exec(await readFile(page, 'utf8'))?.[1]).not.toBe(before);
    await oracle.expectSameAsColdBuild(result);
  });

  it('never changes a file of an older release, and keeps no folder that no release holds', async () => {
    const releasesDir = resolveReleasesDir(oracle.incrementalOut);
    const releases = await listReleases(releasesDir);
    if (mode === 'watch') expect(releases.length).toBe(WATCH_KEEP);
    else expect(releases.length).toBeGreaterThan(12);
    for (const release of releases) {
      const files = await readReleaseFiles(releasesDir, release);
      expect(await findDamagedFiles(release.siteDir, files)).toEqual([]);
    }
    // The watcher prunes by the pruned releases' folders, not by reading the whole store.
    const held = new Set<string>();
    for (const release of releases)
      for (const folder of Object.keys(await readFolderCounts(path.dirname(release.siteDir)))) held.add(folder);
    const stored = (await readdir(resolveFolderStore(releasesDir))).filter((name) => !name.endsWith('.json'));
    expect(stored.filter((folder) => !held.has(folder))).toEqual([]);
    expect(stored.length).toBe(held.size);
  });
});

describe('a build after a template change', () => {
  let oracle: Oracle;
  let root: string;
  beforeAll(async () => {
    oracle = await Oracle.create('basic');
    root = path.join(oracle.work, 'project');
    await copyProject(root);
  });

  afterAll(async () => {
    await oracle.remove();
  });
  it('renders every page again with the new code, equal to a cold build', async () => {
    const out = path.join(oracle.work, 'template', 'site');
    const cache = path.join(oracle.work, 'template-cache');
    await oracle.build(out, cache, root);
    await editFile(root, 'src/components/SupportAppeal.astro', (text) =>
      text.replace('class="support-appeal"', 'class="support-appeal support-appeal-changed"'),
    );
    const result = await oracle.build(out, cache, root);
    expect(result.stdout).toContain("the site's code was compiled anew");
    expect(result.rendered.length).toBeGreaterThan(50);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('support-appeal-changed');
    await oracle.expectSameAsColdBuild(result, root);
  });
});
