/**
 * loadContent with the newsroom store: what a run reads, parses and renders, counted through the
 * `observe` hook (never timed), and what it returns, compared with a run that had no store. Each
 * test works on a copy of the basic fixture whose files are dated an hour back, as files are
 * between a newsroom's saves (a file modified in the last seconds is always hashed again).
 */
import { readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNewsroom } from '../../../../src/lib/content/create-newsroom.ts';
import { forgetStores, MAX_PACKS, storeFolder, type StoreEvent } from '../../../../src/lib/content/content-store.ts';
import { loadContent, type BodyMap, type LoadedContent } from '../../../../src/lib/content/load-content.ts';
import { formatProblem } from '../../../../src/lib/content/problems.ts';
import { readNewsroom, type NewsroomRecords } from '../../../../src/lib/content/read-newsroom.ts';
import { hashBytes } from '../../../../src/lib/hash.ts';
import { convertBodyMarkdown } from '../../../../src/lib/text/text-edition.ts';
import { projectRoot } from '../../../helpers/build-fixture.ts';
import { writeArticle } from '../../../helpers/content-copy.ts';

const now = new Date('2026-11-20T12:00:00+01:00');
let work: string;
let contentDir: string;
let cacheDir: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'depesche-store-'));
  contentDir = path.join(work, 'content');
  cacheDir = path.join(work, 'cache');
  await cp(path.join(projectRoot, 'tests/fixtures/basic/content'), contentDir, { recursive: true });
  ageAll(contentDir);
});
afterEach(() => rm(work, { recursive: true, force: true }));

/** Dates every file below `dir` an hour back. */
function ageAll(dir: string, seconds = 3600): void {
  const then = Date.now() / 1000 - seconds;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) utimesSync(path.join(entry.parentPath, entry.name), then, then);
  }
}

/** Writes a content file, dated `secondsAgo` back. */
function write(relative: string, text: string, secondsAgo = 600): void {
  const file = path.join(contentDir, relative);
  writeFileSync(file, text);
  const then = Date.now() / 1000 - secondsAgo;
  utimesSync(file, then, then);
}

interface Run extends LoadedContent {
  events: StoreEvent[];
  count(type: StoreEvent['type']): number;
  files(type: StoreEvent['type']): string[];
}

async function load(
  options: { readerCodeHash?: string; dir?: string; cache?: string | null; changedOnly?: string[] } = {},
): Promise<Run> {
  const events: StoreEvent[] = [];
  const result = await loadContent({
    root: work,
    contentDir: options.dir ?? contentDir,
    now,
    cacheDir: options.cache === null ? undefined : (options.cache ?? cacheDir),
    readerCodeHash: options.readerCodeHash ?? 'test-reader',
    observe: (event) => events.push(event),
    changedOnly: options.changedOnly && new Set(options.changedOnly.map((file) => path.join(contentDir, file))),
  });
  return {
    ...result,
    events,
    count: (type) => events.filter((event) => event.type === type).length,
    files: (type) => events.filter((event) => event.type === type).map((event) => event.file.replace(/^content\//, '')),
  };
}

/** Every value of the records, bodies included, and the line of every field they hold. */
function snapshot(records: NewsroomRecords | undefined): unknown {
  if (!records) return undefined;
  const lines = (record: { raw: Record<string, unknown>; locate(path: ReadonlyArray<PropertyKey>): number }): Record<string, number> => {
    const found: Record<string, number> = { '': record.locate([]), missing: record.locate(['no-such-field', 3]) };
    const walk = (value: unknown, at: Array<string | number>): void => {
      const children = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : value && typeof value === 'object' ? Object.entries(value) : [];
      for (const [key, child] of children) {
        found[[...at, key].join('.')] = record.locate([...at, key]);
        walk(child, [...at, key]);
      }
    };
    walk(record.raw, []);
    return found;
  };
  const all = [records.site, ...records.sections, ...records.topics, ...records.authors, ...records.pages, ...records.articles];
  return {
    json: JSON.parse(JSON.stringify(records, (_key, value: unknown) => (value instanceof Set ? [...value].sort() : typeof value === 'function' ? undefined : value))),
    lines: all.map(lines),
  };
}

function bodiesOf(result: LoadedContent): unknown {
  const { bodies } = result;
  if (!bodies) return undefined;
  const all = <T>(map: BodyMap<T>) => Object.fromEntries([...map.keys()].map((id) => [id, map.get(id)]));
  return { articles: all(bodies.articles), pages: all(bodies.pages), articleMarkdown: all(bodies.articleMarkdown), articleText: all(bodies.articleText) };
}

const report = (result: LoadedContent): string[] => result.problems.map((problem) => formatProblem({ ...problem, file: problem.file.replace(/^content\//, '') }));

function indexFile(): string {
  return path.join(storeFolder(path.join(cacheDir, 'store'), work, contentDir), 'index');
}

describe('loadContent with a store', () => {
  it('reads, parses and renders every file on the first run, and returns what a run without a store returns', async () => {
    const first = await load();
    expect(first.count('parse')).toBe(first.store.files);
    expect(first.count('render')).toBe(8); // seven articles and one page
    expect(first.store.written).toBe(true);
    const unstored = await load({ cache: null });
    expect(snapshot(first.records)).toEqual(snapshot(unstored.records));
    expect(bodiesOf(first)).toEqual(bodiesOf(unstored));
    expect(first.input).toEqual(unstored.input);
    expect(first.problems).toEqual(unstored.problems);
  });

  it('gives the records, fields and lines readNewsroom gives, for Markdown and plain-text articles', async () => {
    const mixed = path.join(work, 'mixed');
    await cp(path.join(projectRoot, 'tests/fixtures/mixed/content'), mixed, { recursive: true });
    ageAll(mixed);
    const direct = await readNewsroom({ root: work, contentDir: mixed, now });
    expect(direct.records!.articles.map((article) => article.format)).toContain('plain text');
    const stored = await load({ dir: mixed });
    expect(snapshot(stored.records)).toEqual(snapshot(direct.records));
    expect(stored.problems).toEqual(expect.arrayContaining(direct.problems));
    const again = await load({ dir: mixed });
    expect(again.events).toEqual([]);
    expect(snapshot(again.records)).toEqual(snapshot(direct.records));
  });

  it('reads no file on a second run with nothing changed, and returns equal records, bodies and warnings', async () => {
    write('articles/2010/doppelt.md', writeArticle({ id: '9001', topics: '[netzpolitik, netzpolitik]' }));
    const first = await load();
    // Once with the index this process wrote, still in memory; once read from its file.
    for (const index of ['memory', 'disk'] as const) {
      if (index === 'disk') forgetStores();
      const again = await load();
      expect(again.events).toEqual([]);
      expect(again.store).toMatchObject({ index, unchangedByStat: first.store.files, parsed: 0, written: false });
      expect(snapshot(again.records)).toEqual(snapshot(first.records));
      expect(bodiesOf(again)).toEqual(bodiesOf(first));
      expect(again.input).toEqual(first.input);
      expect(again.problems).toEqual(first.problems);
      expect(report(again)).toContain(
        'warning: articles/2010/doppelt.md:7 topics[1] — expected each item once, found "netzpolitik" again (first as topics[0]); it counts once. Remove the repeat',
      );
    }
  });

  it('told which files may have changed, looks only at those, while the last run is in memory', async () => {
    const first = await load();
    write('articles/2026/debatte.md', readFileSync(path.join(contentDir, 'articles/2026/debatte.md'), 'utf8').replace('gestritten.', 'heftig gestritten.'));
    write('authors/jbeispiel.yaml', readFileSync(path.join(contentDir, 'authors/jbeispiel.yaml'), 'utf8').replace(/^bio: .*$/m, 'bio: Neu.'));
    // Told of the article only: the author file is taken as the last run read it, unlooked at.
    const told = await load({ changedOnly: ['articles/2026/debatte.md'] });
    expect(told.files('read')).toEqual(['articles/2026/debatte.md']);
    expect(told.store).toMatchObject({ index: 'memory', unchangedByWatch: first.store.files - 1, unchangedByStat: 0 });
    expect(told.records!.authors.find((author) => author.id === 'jbeispiel')!.data.bio).not.toBe('Neu.');
    // Told of the author: read now.
    const author = await load({ changedOnly: ['authors/jbeispiel.yaml'] });
    expect(author.files('read')).toEqual(['authors/jbeispiel.yaml']);
    expect(author.records!.authors.find((entry) => entry.id === 'jbeispiel')!.data.bio).toBe('Neu.');
    // A run whose index comes from its file, not this process's memory, looks at every file.
    forgetStores();
    write('articles/2010/neu.md', writeArticle({ id: '9002' }));
    const fresh = await load({ changedOnly: [] });
    expect(fresh.store).toMatchObject({ index: 'disk', unchangedByWatch: 0 });
    expect(fresh.files('read')).toEqual(['articles/2010/neu.md']);
  });

  it('takes the entries from memory only while the index file is the one this process wrote', async () => {
    await load();
    expect((await load()).store.index).toBe('memory');
    const later = Date.now() / 1000 + 5;
    utimesSync(indexFile(), later, later);
    const after = await load();
    expect(after.store.index).toBe('disk');
    expect(after.events).toEqual([]);
  });

  it('hashes a touched file whose bytes are unchanged, but does not parse it again', async () => {
    await load();
    const file = path.join(contentDir, 'articles/2010/amazon.md');
    const later = Date.now() / 1000 - 60;
    utimesSync(file, later, later);
    const touched = await load();
    expect(touched.files('read')).toEqual(['articles/2010/amazon.md']);
    expect(touched.count('parse')).toBe(0);
    expect(touched.store.unchangedByDigest).toBe(1);
    // The new time is recorded: the next run reads nothing.
    expect((await load()).events).toEqual([]);
  });

  it('parses and renders a changed file once, and no other, however often its body is asked for', async () => {
    const first = await load();
    write('articles/2010/amazon.md', readFileSync(path.join(contentDir, 'articles/2010/amazon.md'), 'utf8').replace('einem Hardware-Fehler.', 'einem Hardware-Fehler im Rechenzentrum.'));
    const changed = await load();
    expect(changed.files('parse')).toEqual(['articles/2010/amazon.md']);
    expect(changed.files('render')).toEqual(['articles/2010/amazon.md']);
    const html = changed.bodies!.articles.get('5130574');
    expect(html).toContain('Hardware-Fehler im Rechenzentrum.');
    expect(changed.bodies!.articles.get('5130574')).toBe(html);
    expect(changed.bodies!.articleMarkdown.get('5130574')).toContain('Hardware-Fehler im Rechenzentrum.');
    expect(changed.count('render')).toBe(1);
    expect(changed.records!.articles.find((article) => article.id === '5130574')!.digest).not.toBe(
      first.records!.articles.find((article) => article.id === '5130574')!.digest,
    );
    expect((await load()).events).toEqual([]);
  });

  it('keeps the text edition\'s body of each article, except where a relative link makes it depend on the URL', async () => {
    write('articles/2010/verweis.md', writeArticle({ id: '9007' }, 'Siehe [den Bericht](/2010/12/13/amazon/) und [die Quelle](https://example.org/q).\n'));
    write('articles/2010/absolut.md', writeArticle({ id: '9008' }, 'Siehe [die Quelle](https://example.org/q) und www.example.com.\n'));
    const first = await load();
    const { bodies } = first;
    expect(bodies!.articleText.has('9007')).toBe(false);
    expect(bodies!.articleText.get('9007')).toBeUndefined();
    expect(bodies!.articleText.get('9008')).toEqual({
      paragraphs: ['Siehe [1][die Quelle] und [2][www.example.com].'],
      links: ['https://example.org/q', 'http://www.example.com/'],
    });
    for (const id of bodies!.articleText.keys()) {
      expect(bodies!.articleText.get(id)).toEqual(convertBodyMarkdown(bodies!.articleMarkdown.get(id)!, 'https://depesche.example/2010/12/13/x/'));
    }
    expect(bodies!.articleText.size).toBe(bodies!.articles.size - 1);
    const second = await load();
    expect(bodiesOf(second)).toEqual(bodiesOf(first));
  });

  it('parses every file again when the reader-code hash changed', async () => {
    const first = await load();
    const again = await load({ readerCodeHash: 'another-reader' });
    expect(again.count('parse')).toBe(first.store.files);
    expect(snapshot(again.records)).toEqual(snapshot(first.records));
  });

  it('reports an unchanged article that names a deleted author as an error at its file, line and field', async () => {
    await load();
    renameSync(path.join(contentDir, 'authors/jbeispiel.yaml'), path.join(work, 'jbeispiel.yaml'));
    const after = await load();
    expect(after.count('parse')).toBe(0);
    expect(after.records).toBeUndefined();
    expect(report(after)).toContain('articles/2010/amazon.md:11 authors[1] — no author "jbeispiel" (known: tkleinz)');
    // Exactly what a reader without a store reports.
    expect(after.problems).toEqual((await readNewsroom({ root: work, contentDir, now })).problems);
  });

  it('reports the warnings of unchanged files again on every run, the rendered dateline\'s too', async () => {
    write('articles/2010/ort.md', writeArticle({ id: '9002', dateline: 'HAMBURG' }, 'BERLIN taz | Ein Absatz.\n'));
    write('articles/2010/ohne-ressort.md', writeArticle({ id: '9003', section: '' }).replace('section: \n', ''));
    write('articles/2010/9004.txt', 'Ein Titel: Eine Meldung aus dem Netz\n\nEin Absatz über das Netz, lang genug für einen Vorspann.\n');
    const first = await load();
    const second = await load();
    expect(second.events).toEqual([]);
    const warnings = report(second).filter((line) => line.startsWith('warning'));
    expect(warnings).toEqual(report(first).filter((line) => line.startsWith('warning')));
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^warning: articles\/2010\/ort\.md:\d+ dateline — expected the dateline in one place, found "HAMBURG \|" in the front matter and "BERLIN taz \|" opening the body/),
        'warning: articles/2010/ohne-ressort.md section — expected a section, found none; filed under "politik". Add "section:" or put the file in a folder named after its section',
      ]),
    );
    expect(second.input!.articles.find((article) => article.data.id === 9002)!.data.dateline).toBe('BERLIN');
  });

  it('files an unchanged article without a section anew when the default section changed', async () => {
    write('articles/2010/ohne-ressort.md', writeArticle({ id: '9003', section: '' }).replace('section: \n', ''));
    await load();
    const site = readFileSync(path.join(contentDir, 'site.yaml'), 'utf8');
    write('site.yaml', `${site.trimEnd()}\ndefaultSection: wirtschaft\n`);
    const after = await load();
    expect(after.files('parse')).toEqual(['site.yaml', 'articles/2010/ohne-ressort.md']);
    expect(after.records!.articles.find((article) => article.data.id === 9003)!.data.section).toBe('wirtschaft');
  });

  it('drops a deleted file from the records and from the store', async () => {
    write('articles/2010/neu.md', writeArticle({ id: '9006', slug: 'neu' }));
    await load();
    renameSync(path.join(contentDir, 'articles/2010/neu.md'), path.join(work, 'neu.md'));
    const after = await load();
    expect(after.records!.articles.map((article) => article.slug)).not.toContain('neu');
    expect(after.store.written).toBe(true);
    renameSync(path.join(work, 'neu.md'), path.join(contentDir, 'articles/2010/neu.md'));
    expect((await load()).files('parse')).toEqual(['articles/2010/neu.md']);
  });

  it('does not serve the store of one content folder for another', async () => {
    await load();
    const other = path.join(work, 'other');
    await cp(contentDir, other, { recursive: true, preserveTimestamps: true });
    const elsewhere = await load({ dir: other });
    expect(elsewhere.count('parse')).toBe(elsewhere.store.files);
    expect(elsewhere.records!.articles[0]!.file).toMatch(/^other\//);
    // Each folder keeps its own store.
    expect((await load()).events).toEqual([]);
    expect((await load({ dir: other })).events).toEqual([]);
  });
});

describe('the store over many runs', () => {
  it('keeps its packs few as edits add one each, and serves the right bodies throughout', async () => {
    await load();
    const folder = path.dirname(indexFile());
    const packs = (): string[] => readdirSync(folder).filter((name) => /^pack-.*\.bin$/.test(name));
    for (let edit = 1; edit <= 2 * MAX_PACKS; edit++) {
      write('articles/2010/netz.md', `${readFileSync(path.join(contentDir, 'articles/2010/netz.md'), 'utf8').trimEnd()}\n\nNachtrag ${edit}.\n`);
      const run = await load();
      expect(run.files('render')).toEqual(['articles/2010/netz.md']);
      expect(packs().length).toBeLessThanOrEqual(MAX_PACKS + 1);
      if (edit % 5 === 0) forgetStores();
    }
    const unstored = await load({ cache: null });
    forgetStores();
    const last = await load();
    expect(last.events).toEqual([]);
    expect(bodiesOf(last)).toEqual(bodiesOf(unstored));
    expect(bodiesOf(last)).toMatchObject({ articleMarkdown: { '5130200': expect.stringContaining(`Nachtrag ${2 * MAX_PACKS}.`) } });
  });
});

describe('pictures with a store', () => {
  it('reads an unchanged picture\'s header once, and checks every picture on every run', async () => {
    const first = await load();
    expect(first.count('picture')).toBe(2); // the article picture and the portrait
    expect((await load()).count('picture')).toBe(0);
    renameSync(path.join(contentDir, 'images/server.jpg'), path.join(work, 'server.jpg'));
    const missing = await load();
    expect(missing.count('parse')).toBe(0);
    expect(report(missing)).toContain('articles/2010/amazon.md:15 image.src — expected an existing image file, found no file at "../../images/server.jpg"');
    write('images/server.jpg', 'kein Bild');
    const garbage = await load();
    expect(report(garbage)).toContain(
      'articles/2010/amazon.md:15 image.src — expected a picture (JPEG, PNG, WebP, AVIF, GIF, TIFF or SVG), found a file at "../../images/server.jpg" that is none of these',
    );
    renameSync(path.join(work, 'server.jpg'), path.join(contentDir, 'images/server.jpg'));
    const back = await load();
    expect(back.records).toBeDefined();
    expect(back.count('picture')).toBe(1);
  });
});

describe('a damaged store', () => {
  it('reads the files of a truncated index again, and keeps what comes before the cut', async () => {
    const first = await load();
    truncateSync(indexFile(), Math.floor(statSync(indexFile()).size * 0.6));
    const after = await load();
    expect(after.store.damagedEntries).toBeGreaterThan(0);
    expect(after.count('parse')).toBeGreaterThan(0);
    expect(after.count('parse')).toBeLessThan(first.store.files);
    expect(snapshot(after.records)).toEqual(snapshot(first.records));
    expect(bodiesOf(after)).toEqual(bodiesOf(first));
    expect((await load()).events).toEqual([]);
  });

  it('reads again the file of a garbled entry, and only that one', async () => {
    const first = await load();
    const bytes = readFileSync(indexFile());
    const at = bytes.indexOf('"file":"content/articles/2010/amazon.md"');
    bytes[at + 20] = bytes[at + 20]! ^ 0x20;
    writeFileSync(indexFile(), bytes);
    const after = await load();
    expect(after.store.damagedEntries).toBe(2); // the entry, and the index's own checksum
    expect(after.files('parse')).toEqual(['articles/2010/amazon.md']);
    expect(snapshot(after.records)).toEqual(snapshot(first.records));
  });

  it('starts afresh from an index that is not an index', async () => {
    const first = await load();
    writeFileSync(indexFile(), 'garbage');
    const after = await load();
    expect(after.count('parse')).toBe(first.store.files);
    expect(snapshot(after.records)).toEqual(snapshot(first.records));
  });

  it('makes a damaged body again from its file when a page asks for it, and stores it anew on the next run', async () => {
    const first = await load();
    const html = first.bodies!.articles.get('5130574')!;
    const folder = path.dirname(indexFile());
    const pack = readdirSync(folder).find((name) => name.startsWith('pack-'))!;
    const bytes = readFileSync(path.join(folder, pack));
    // The Markdown and the HTML both hold the sentence.
    for (let at = bytes.indexOf('Ein Sprecher sprach'); at !== -1; at = bytes.indexOf('Ein Sprecher sprach', at + 1)) bytes[at] = 'X'.charCodeAt(0);
    writeFileSync(path.join(folder, pack), bytes);
    const second = await load();
    expect(second.events).toEqual([]);
    const remade = second.bodies!.articles.get('5130574');
    expect(remade).toBe(html);
    expect(second.files('damaged')).toEqual(['articles/2010/amazon.md']);
    expect(second.bodies!.articleMarkdown.get('5130574')).toContain('Ein Sprecher sprach');
    const third = await load();
    expect(third.files('parse')).toEqual(['articles/2010/amazon.md']);
    expect(third.bodies!.articles.get('5130574')).toBe(html);
    expect(third.count('damaged')).toBe(0);
  });

  it('reads again the files whose pack is missing, and keeps reading a pack another process removes', async () => {
    const first = await load();
    const folder = path.dirname(indexFile());
    for (const name of readdirSync(folder)) if (name.startsWith('pack-')) rmSync(path.join(folder, name));
    // This process has the packs open: what it loaded stays readable, without a file read again.
    const still = await load();
    expect(still.events).toEqual([]);
    expect(bodiesOf(still)).toEqual(bodiesOf(first));
    // As a new process: this one still holds the packs open, and would read them.
    forgetStores();
    const after = await load();
    expect(after.files('parse').sort()).toEqual(
      ['articles/2010/alt.md', 'articles/2010/amazon.md', 'articles/2010/netz.md', 'articles/2026/agentur.md', 'articles/2026/debatte.md', 'articles/2026/entwurf.md', 'articles/2026/sperrfrist.md', 'pages/unterstuetzen.md'].sort(),
    );
  });

  it('serves the last whole run after a run killed with SIGKILL while it parsed, rendered or wrote', async () => {
    const series = (version: string): void => {
      for (let index = 0; index < 40; index++) write(`articles/2026/serie-${index}.md`, writeArticle({ id: String(9100 + index), slug: `serie-${index}` }, `Teil ${index}, ${version}.\n`));
    };
    series('erste Fassung');
    await load();
    const script = path.join(work, 'killed-run.mts');
    writeFileSync(
      script,
      [
        `import { loadContent } from ${JSON.stringify(pathToFileURL(path.join(projectRoot, 'src/lib/content/load-content.ts')).href)};`,
        'const [type, file, count] = process.argv.slice(2);',
        'let seen = 0;',
        `await loadContent({ root: ${JSON.stringify(work)}, contentDir: ${JSON.stringify(contentDir)}, cacheDir: ${JSON.stringify(cacheDir)}, now: new Date(), readerCodeHash: 'test-reader',`,
        "  observe: (event) => { if (event.type === type && (file === '*' || event.file.startsWith(file)) && ++seen === Number(count)) process.kill(process.pid, 'SIGKILL'); } });",
        "process.kill(process.pid, 'SIGKILL');",
      ].join('\n'),
    );
    // Killed while rendering, before the new pack is named, and before the new index is.
    for (const [type, file, count] of [['render', '*', 20], ['write', 'pack-', 1], ['write', 'index', 1]] as const) {
      series(`Fassung bis ${type} ${file}`);
      const child = spawnSync(process.execPath, [script, type, file, String(count)], { encoding: 'utf8' });
      expect(child.signal).toBe('SIGKILL');
      forgetStores();
      const after = await load();
      // Nothing the killed run wrote is trusted: the changed files are read again.
      expect(after.files('parse').filter((name) => name.includes('serie-')).length).toBe(40);
      expect(snapshot(after.records)).toEqual(snapshot((await load({ cache: null })).records));
      expect(bodiesOf(after)).toEqual(bodiesOf(await load({ cache: null })));
    }
    // Killed after it wrote its index: all it wrote is served.
    series('letzte Fassung');
    const child = spawnSync(process.execPath, [script, 'none', '*', '1'], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    forgetStores();
    const last = await load();
    expect(last.events).toEqual([]);
    expect(last.bodies!.articleMarkdown.get('9100')).toContain('letzte Fassung');
  });

  it('serves the right results after two runs at once on one store, as two renderers make them', async () => {
    await load();
    const script = path.join(work, 'run.mts');
    writeFileSync(
      script,
      [
        `import { loadContent } from ${JSON.stringify(pathToFileURL(path.join(projectRoot, 'src/lib/content/load-content.ts')).href)};`,
        `const result = await loadContent({ root: ${JSON.stringify(work)}, contentDir: ${JSON.stringify(contentDir)}, cacheDir: ${JSON.stringify(cacheDir)}, now: new Date(), readerCodeHash: 'test-reader' });`,
        // Every body read, as a renderer reads them, while the other run writes and removes packs.
        'for (const id of result.bodies.articles.keys()) if (!result.bodies.articles.get(id)) process.exit(3);',
      ].join('\n'),
    );
    for (let round = 0; round < 3; round++) {
      for (let index = 0; index < 20; index++) write(`articles/2026/paar-${index}.md`, writeArticle({ id: String(9300 + index), slug: `paar-${index}` }, `Runde ${round}, Teil ${index}.\n`));
      const runs = [0, 1].map(
        () => new Promise<number | null>((resolve) => spawn(process.execPath, [script], { stdio: 'ignore' }).on('close', resolve)),
      );
      expect(await Promise.all(runs)).toEqual([0, 0]);
      forgetStores();
      const after = await load();
      expect(snapshot(after.records)).toEqual(snapshot((await load({ cache: null })).records));
      expect(bodiesOf(after)).toEqual(bodiesOf(await load({ cache: null })));
    }
  });

  it('removes what a killed run left behind: its temporary files and the pack no index names', async () => {
    await load();
    const folder = path.dirname(indexFile());
    // A process that no longer runs: pid 2^22 + 1 is above Linux's default pid_max.
    writeFileSync(path.join(folder, 'index.4194305.0badf00d.tmp'), 'half an index');
    writeFileSync(path.join(folder, 'pack-killed.bin.4194305.tmp'), 'half a pack');
    writeFileSync(path.join(folder, 'pack-orphan.bin'), 'a pack no index names');
    write('articles/2010/neu.md', writeArticle({ id: '9005' }));
    const after = await load();
    expect(after.store.written).toBe(true);
    expect(readdirSync(folder).filter((name) => name.includes('killed') || name.includes('orphan') || name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('loadContent', () => {
  it('hands createNewsroom the facts of every picture, which it puts on articles and authors', async () => {
    const fixture = path.join(projectRoot, 'tests/fixtures/basic/content');
    const { input } = await loadContent({ root: projectRoot, contentDir: fixture, now });
    const newsroom = createNewsroom(input!, { now, preview: false });
    const digest = (file: string): string => hashBytes(readFileSync(path.join(fixture, file)));
    expect(newsroom.articles.find((article) => article.slug === 'amazon')?.image?.src).toEqual({
      file: 'images/server.jpg',
      width: 640,
      height: 400,
      format: 'jpeg',
      digest: digest('images/server.jpg'),
    });
    expect(newsroom.authors.find((author) => author.id === 'tkleinz')?.image).toEqual({
      file: 'authors/tkleinz.jpg',
      width: 200,
      height: 200,
      format: 'jpeg',
      digest: digest('authors/tkleinz.jpg'),
    });
    // Facts are plain data: what the engine hands pages through Astro.locals survives a copy.
    expect(structuredClone(newsroom.articles.map((article) => article.image))).toEqual(
      newsroom.articles.map((article) => article.image),
    );
  });

  it('hands createNewsroom the same picture facts from the store as from the files', async () => {
    const first = await load();
    forgetStores();
    const second = await load();
    expect(second.count('picture')).toBe(0);
    expect(second.input).toEqual(first.input);
    expect(second.input!.authors.find((author) => author.id === 'tkleinz')?.data.image).toMatchObject({ file: 'authors/tkleinz.jpg', width: 200 });
  });
});
