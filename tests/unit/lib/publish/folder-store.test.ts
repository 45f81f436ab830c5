import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  assembleTree,
  collectGarbage,
  FolderReader,
  type AssembledTree,
} from '../../../../src/lib/publish/folder-store.ts';
import { hashBytes } from '../../../../src/lib/hash.ts';
import { listFilesBelow } from '../../../../src/lib/paths.ts';

let dir: string;
let store: string;
let builds = 0;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'depesche-folders-'));
  store = path.join(dir, '.folders');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A build's written files, as a staging site folder. */
async function writeStaging(files: Record<string, string>): Promise<string> {
  const siteDir = path.join(dir, `staging-${builds++}`, 'site');
  await mkdir(siteDir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(siteDir, file)), { recursive: true });
    await writeFile(path.join(siteDir, file), text);
  }
  return siteDir;
}

/** What the tree serves: every file with its text, read through the folder links. */
async function readTree(root: string): Promise<Record<string, string>> {
  const top = path.join(store, root);
  const files: Record<string, string> = {};
  for (const file of await listFilesBelow(top)) files[file] = await readFile(path.join(top, file), 'utf8');
  return files;
}

const PAPER = {
  'index.html': 'Titelseite',
  'feed.xml': 'Feed',
  '2017/08/17/streik/index.html': 'Streik',
  '2017/08/17/wahl/index.html': 'Wahl',
  '2016/01/02/alt/index.html': 'Alt',
  'thema/bahn/index.html': 'Bahn',
};

async function assembleFirst(): Promise<AssembledTree> {
  return assembleTree({ store, siteDir: await writeStaging(PAPER), sameFileSystem: true, keeps: () => false });
}

describe('assembleTree', () => {
  it('stores a first build as folders named by their contents, linked from their parents, and lists every file as added', async () => {
    const tree = await assembleFirst();
    expect(await readTree(tree.root)).toEqual(PAPER);
    expect(tree.changes).toEqual({ added: Object.keys(PAPER).sort(), changed: [], removed: [] });
    const link = await readlink(path.join(store, tree.root, '2017'));
    expect(link).toMatch(/^\.\.\/[0-9a-f]{20}$/);
    expect(existsSync(path.join(store, `${link.slice(3)}.json`))).toBe(true);
    // root, 2017, 2017/08, 2017/08/17, two article folders, 2016 …/alt (four), thema, thema/bahn
    expect(tree.created).toBe(12);
    expect(Object.values(tree.counts).reduce((sum, count) => sum + count, 0)).toBe(12);
  });

  it('makes new folders only along the path of a changed file and shares every other folder', async () => {
    const first = await assembleFirst();
    const siteDir = await writeStaging({
      '2017/08/17/streik/index.html': 'Streik, berichtigt',
      'index.html': 'Titelseite',
    });
    const second = await assembleTree({
      store,
      siteDir,
      sameFileSystem: true,
      base: { root: first.root, counts: first.counts },
      keeps: (file) => file in PAPER,
    });
    expect(await readTree(second.root)).toEqual({ ...PAPER, '2017/08/17/streik/index.html': 'Streik, berichtigt' });
    expect(second.changes).toEqual({ added: [], changed: ['2017/08/17/streik/index.html'], removed: [] });
    // The article's folder, 2017/08/17, 2017/08, 2017 and the root.
    expect(second.created).toBe(5);
    const shared = await readlink(path.join(store, second.root, '2016'));
    expect(shared).toBe(await readlink(path.join(store, first.root, '2016')));
    // The first tree is exactly as it was.
    expect(await readTree(first.root)).toEqual(PAPER);
    // The unchanged file beside the written one is the same file, not a copy.
    const wahl = (root: string): Promise<number> =>
      stat(path.join(store, root, '2017/08/17/wahl/index.html')).then(({ ino }) => ino);
    expect(await wahl(second.root)).toBe(await wahl(first.root));
  });

  it('takes out a removed file wherever it is, and a file beside written ones that the build no longer keeps', async () => {
    const first = await assembleFirst();
    const siteDir = await writeStaging({ 'index.html': 'Titelseite ohne Alt' });
    const second = await assembleTree({
      store,
      siteDir,
      sameFileSystem: true,
      base: { root: first.root, counts: first.counts },
      keeps: (file) => file !== 'feed.xml',
      removed: ['2016/01/02/alt/index.html'],
    });
    const expected: Record<string, string> = { ...PAPER, 'index.html': 'Titelseite ohne Alt' };
    delete expected['feed.xml'];
    delete expected['2016/01/02/alt/index.html'];
    expect(await readTree(second.root)).toEqual(expected);
    expect(second.changes).toEqual({
      added: [],
      changed: ['index.html'],
      removed: ['2016/01/02/alt/index.html', 'feed.xml'],
    });
    // The emptied folders are gone, not left empty.
    expect((await readdir(path.join(store, second.root))).sort()).toEqual(['2017', 'index.html', 'thema']);
  });

  it('takes out whole folders named as removed, with every file below them', async () => {
    const first = await assembleFirst();
    const second = await assembleTree({
      store,
      siteDir: await writeStaging({}),
      sameFileSystem: true,
      base: { root: first.root, counts: first.counts },
      keeps: () => true,
      removed: ['2017/'],
    });
    expect(second.changes.removed).toEqual(['2017/08/17/streik/index.html', '2017/08/17/wahl/index.html']);
    expect(Object.keys(await readTree(second.root)).sort()).toEqual(
      Object.keys(PAPER)
        .filter((file) => !file.startsWith('2017/'))
        .sort(),
    );
  });

  it('gives a build that writes what the base holds the base tree, without making a folder', async () => {
    const first = await assembleFirst();
    const second = await assembleTree({
      store,
      siteDir: await writeStaging({ 'index.html': 'Titelseite', '2017/08/17/wahl/index.html': 'Wahl' }),
      sameFileSystem: true,
      base: { root: first.root, counts: first.counts },
      keeps: () => true,
    });
    expect(second.root).toBe(first.root);
    expect(second.created).toBe(0);
    expect(second.counts).toEqual(first.counts);
    expect(second.changes).toEqual({ added: [], changed: [], removed: [] });
  });

  it('makes a folder that comes out at two paths of one tree once, and links both paths to it', async () => {
    const twins = Object.fromEntries(
      Array.from({ length: 40 }, (_, index) => [
        [`a/${index}/index.html`, 'gleich'],
        [`b/${index}/index.html`, 'gleich'],
      ]).flat(),
    ) as Record<string, string>;
    const tree = await assembleTree({
      store,
      siteDir: await writeStaging(twins),
      sameFileSystem: true,
      keeps: () => false,
    });
    expect(await readTree(tree.root)).toEqual(twins);
    expect(await readlink(path.join(store, tree.root, 'a'))).toBe(await readlink(path.join(store, tree.root, 'b')));
    // a and b hold the same 40 folders: the root, one of a and b, one of the 40.
    expect(tree.created).toBe(3);
    expect(Object.values(tree.counts).sort()).toEqual([1, 2, 80]);
  });

  it('copies written files when they are on another file system than the store', async () => {
    const tree = await assembleTree({
      store,
      siteDir: await writeStaging(PAPER),
      sameFileSystem: false,
      keeps: () => false,
    });
    expect(await readTree(tree.root)).toEqual(PAPER);
    expect((await readdir(store)).filter((name) => name.startsWith('.new-'))).toEqual([]);
  });

  it('records each file with the hash of its bytes in the folders, as a reader of the tree finds them', async () => {
    const tree = await assembleFirst();
    const reader = new FolderReader(store);
    expect(await reader.findFile(tree.root, '2017/08/17/wahl/index.html')).toEqual({
      hash: hashBytes('Wahl'),
      size: 4,
    });
    expect(await reader.findFile(tree.root, '2017/08/17/nichts/index.html')).toBeUndefined();
    expect(Object.keys(await reader.listFiles(tree.root))).toEqual(Object.keys(PAPER).sort());
  });
});

describe('collectGarbage', () => {
  /** The tree after one page of `first`'s is rewritten: it holds new root, thema and thema/bahn folders. */
  const assembleBahnEdit = async (first: AssembledTree): Promise<AssembledTree> =>
    assembleTree({
      store,
      siteDir: await writeStaging({ 'thema/bahn/index.html': 'Bahn, neu' }),
      sameFileSystem: true,
      base: { root: first.root, counts: first.counts },
      keeps: () => true,
    });

  it('moves aside exactly the folders and listings no kept tree holds', async () => {
    const first = await assembleFirst();
    const second = await assembleBahnEdit(first);
    const [trash] = await collectGarbage(store, (folder) => Object.hasOwn(second.counts, folder));
    // The old root, thema and thema/bahn, each with its listing.
    expect((await readdir(trash!)).length).toBe(6);
    expect(await readTree(second.root)).toEqual({ ...PAPER, 'thema/bahn/index.html': 'Bahn, neu' });
    expect(existsSync(path.join(store, first.root))).toBe(false);
    expect((await lstat(path.join(store, second.root))).isDirectory()).toBe(true);
  });

  it('looks only at the candidates when given them: the folders of the trees just pruned', async () => {
    const first = await assembleFirst();
    const second = await assembleBahnEdit(first);
    // Left by a build that failed before its release was made: no candidate, so it stays.
    await mkdir(path.join(store, 'verwaist'));
    const isLive = (folder: string): boolean => Object.hasOwn(second.counts, folder);
    const [trash] = await collectGarbage(store, isLive, Object.keys(first.counts));
    expect((await readdir(trash!)).length).toBe(6);
    expect(existsSync(path.join(store, 'verwaist'))).toBe(true);
    expect(await readTree(second.root)).toEqual({ ...PAPER, 'thema/bahn/index.html': 'Bahn, neu' });
    expect(await collectGarbage(store, isLive, Object.keys(first.counts))).toEqual([]);
  });

  it('puts the trash beside the store, with the trash an older version left inside it', async () => {
    const first = await assembleFirst();
    await mkdir(path.join(store, '.trash-1-2', 'halb'), { recursive: true });
    const [trash] = await collectGarbage(store, (folder) => Object.hasOwn(first.counts, folder));
    expect(path.dirname(trash!)).toBe(path.dirname(store));
    expect(await readdir(trash!)).toEqual(['.trash-1-2']);
    expect((await readdir(store)).some((name) => name.startsWith('.trash-'))).toBe(false);
  });
});
