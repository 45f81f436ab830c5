import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDamagedFiles, finishRelease, type FinishResult } from '../../../../src/lib/publish/finish-release.ts';

let dir: string;
let first: FinishResult;
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
    'pagefind/index.pf': 'INDEX',
  });
  first = await finishRelease(site('r1'), undefined);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('finishRelease', () => {
  it('records every file with its hash and compresses text files, not pictures', async () => {
    expect(Object.keys(first.files)).toEqual([
      'a/index.html',
      'a/index.html.br',
      'a/index.html.gz',
      'bild.jpg',
      'index.html',
      'index.html.br',
      'index.html.gz',
      'pagefind/index.pf',
    ]);
    expect(gunzipSync(await readFile(path.join(site('r1'), 'index.html.gz'))).toString()).toContain('Titelseite');
    expect(first.compressed).toBe(2);
  });

  it("shares unchanged files' compressed copies with the previous release, compresses only changed ones, and carries folders over", async () => {
    await writeSite('r2', {
      'index.html': '<p>Neue Titelseite</p>'.repeat(50),
      'a/index.html': '<p>Artikel A</p>'.repeat(50),
      'bild.jpg': 'JPEG',
    });
    const second = await finishRelease(site('r2'), { siteDir: site('r1'), files: first.files }, ['pagefind/']);
    expect(second.compressed).toBe(1);
    // a/index.html and its two compressed copies, bild.jpg, and the carried pagefind/index.pf
    expect(second.unchanged).toBe(5);
    expect(second.files['pagefind/index.pf']).toEqual(first.files['pagefind/index.pf']);
    expect((await stat(path.join(site('r2'), 'a/index.html.br'))).ino).toBe(
      (await stat(path.join(site('r1'), 'a/index.html.br'))).ino,
    );
    expect((await stat(path.join(site('r2'), 'index.html'))).ino).not.toBe(
      (await stat(path.join(site('r1'), 'index.html'))).ino,
    );
    // The older release is exactly as it was.
    expect(await findDamagedFiles(site('r1'), first.files)).toEqual([]);
    expect(await findDamagedFiles(site('r2'), second.files)).toEqual([]);
  });
});

describe('findDamagedFiles', () => {
  it('names files that changed, went missing or were added since the manifest was written', async () => {
    await writeSite('r3', { 'x.txt': 'eins', 'y.txt': 'zwei' });
    const result = await finishRelease(site('r3'), undefined);
    await writeFile(path.join(site('r3'), 'x.txt'), 'anders');
    await rm(path.join(site('r3'), 'y.txt.gz'));
    await writeFile(path.join(site('r3'), 'z.txt'), 'neu');
    expect(await findDamagedFiles(site('r3'), result.files)).toEqual(['x.txt', 'y.txt.gz', 'z.txt']);
  });
});
