import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressSite } from '../../../src/lib/precompress.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'depesche-precompress-'));
  await mkdir(path.join(dir, 'a'));
  await writeFile(path.join(dir, 'a/index.html'), '<p>Zeitung</p>'.repeat(200));
  await writeFile(path.join(dir, 'feed.xml'), '<rss/>');
  await writeFile(path.join(dir, 'bild.webp'), Buffer.from([1, 2, 3]));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('precompressSite', () => {
  it('writes gzip and brotli copies beside text files that decompress to the original', async () => {
    const result = await precompressSite(dir);
    expect(result.files).toBe(2);
    const original = await readFile(path.join(dir, 'a/index.html'));
    expect(gunzipSync(await readFile(path.join(dir, 'a/index.html.gz'))).equals(original)).toBe(true);
    expect(brotliDecompressSync(await readFile(path.join(dir, 'a/index.html.br'))).equals(original)).toBe(true);
    expect(result.brotliBytes).toBeLessThan(result.bytes);
  });

  it('leaves pictures alone', async () => {
    await expect(readFile(path.join(dir, 'bild.webp.gz'))).rejects.toThrow();
  });
});
