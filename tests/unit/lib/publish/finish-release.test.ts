import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findDamagedFiles,
  finishRelease,
  type BaseTree,
  type FinishResult,
} from '../../../../src/lib/publish/finish-release.ts';
import { assembleTree, FolderReader } from '../../../../src/lib/publish/folder-store.ts';

let dir: string;
let first: FinishResult;
let base: BaseTree;
const site = (name: string): string => path.join(dir, name);

async function writeSite(name: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(site(name), file)), { recursive: true });
    await writeFile(path.join(site(name), file), text);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'depesche-finish-'));
  await writeSite('r1', {
    'index.html': '<p>Titelseite</p>'.repeat(50),
    'a/index.html': '<p>Artikel A</p>'.repeat(50),
    'bild.jpg': 'JPEG',
  });
  first = await finishRelease(site('r1'), undefined);
  const store = path.join(dir, '.folders');
  const tree = await assembleTree({ store, siteDir: site('r1'), sameFileSystem: true, keeps: () => false });
  // As a release is published: its site folder is a link to its tree in the store.
  await symlink(path.join(store, tree.root), site('r1-published'), 'dir');
  base = { reader: new FolderReader(store), root: tree.root, siteDir: site('r1-published') };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('finishRelease', () => {
  it('records every written file with its hash and compresses text files, not pictures', () => {
    expect([...first.records.keys()].sort()).toEqual([
      'a/index.html',
      'a/index.html.br',
      'a/index.html.gz',
      'bild.jpg',
      'index.html',
      'index.html.br',
      'index.html.gz',
    ]);
    expect(first.compressed).toBe(2);
    expect(first.keep.size).toBe(0);
  });

  it("takes over an unchanged file's compressed copies from the published tree and compresses only changed files", async () => {
    await writeSite('r2', {
      'index.html': '<p>Neue Titelseite</p>'.repeat(50),
      'a/index.html': '<p>Artikel A</p>'.repeat(50),
    });
    const second = await finishRelease(site('r2'), base);
    expect(second.compressed).toBe(1);
    expect([...second.keep].sort()).toEqual(['a/index.html.br', 'a/index.html.gz']);
    expect(gunzipSync(await readFile(path.join(site('r2'), 'index.html.gz'))).toString()).toContain('Neue Titelseite');
    expect(existsSync(path.join(site('r2'), 'a/index.html.gz'))).toBe(false);
  });

  it('takes the compressed copies of a file written under a new name from its former place', async () => {
    await writeSite('r5', { 'teil-2/index.html': '<p>Artikel A</p>'.repeat(50), 'teil-2/neu.html': 'Neu' });
    const moved = await finishRelease(site('r5'), base, new Map(), (file) =>
      file.startsWith('teil-2/') ? `a/${file.slice('teil-2/'.length)}` : undefined,
    );
    // The file the former place does not have is compressed.
    expect(moved.compressed).toBe(1);
    for (const twin of ['.gz', '.br']) {
      const copy = await readFile(path.join(site('r5'), `teil-2/index.html${twin}`));
      expect(copy.equals(await readFile(path.join(site('r1-published'), `a/index.html${twin}`)))).toBe(true);
      expect(moved.records.get(`teil-2/index.html${twin}`)).toEqual(first.records.get(`a/index.html${twin}`));
    }
  });

  it('compresses a file anew when its former place holds other bytes', async () => {
    await writeSite('r6', { 'teil-3/index.html': '<p>Artikel B</p>'.repeat(50) });
    const moved = await finishRelease(site('r6'), base, new Map(), (file) => file.replace('teil-3/', 'a/'));
    expect(moved.compressed).toBe(1);
    expect(gunzipSync(await readFile(path.join(site('r6'), 'teil-3/index.html.gz'))).toString()).toContain('Artikel B');
  });

  it('leaves compressed copies the renderer wrote as they are', async () => {
    await writeSite('r3', { 'neu/index.html': 'Seite', 'neu/index.html.gz': 'gz', 'neu/index.html.br': 'br' });
    const known = new Map([
      ['neu/index.html', { hash: 'h', size: 5 }],
      ['neu/index.html.gz', { hash: 'g', size: 2 }],
      ['neu/index.html.br', { hash: 'b', size: 2 }],
    ]);
    const third = await finishRelease(site('r3'), base, known);
    expect(third.compressed).toBe(0);
    expect(third.records.get('neu/index.html.gz')).toEqual({ hash: 'g', size: 2 });
  });
});

describe('findDamagedFiles', () => {
  it('names files that changed, went missing or were added since the manifest was written', async () => {
    await writeSite('r4', { 'x.txt': 'eins', 'y.txt': 'zwei' });
    const result = await finishRelease(site('r4'), undefined);
    const files = Object.fromEntries(result.records);
    await writeFile(path.join(site('r4'), 'x.txt'), 'anders');
    await rm(path.join(site('r4'), 'y.txt.gz'));
    await writeFile(path.join(site('r4'), 'z.txt'), 'neu');
    expect(await findDamagedFiles(site('r4'), files)).toEqual(['x.txt', 'y.txt.gz', 'z.txt']);
  });
});
