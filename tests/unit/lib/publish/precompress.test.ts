import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COMPRESSIBLE, compressText } from '../../../../src/lib/publish/precompress.ts';

describe('compressText', () => {
  it('makes gzip and brotli copies that decompress to the original and are smaller', async () => {
    const original = Buffer.from('<p>Zeitung</p>'.repeat(200));
    const { gzip, brotli } = await compressText(original);
    expect(gunzipSync(gzip).equals(original)).toBe(true);
    expect(brotliDecompressSync(brotli).equals(original)).toBe(true);
    expect(brotli.length).toBeLessThan(original.length / 10);
  });

  it('gives the same bytes for the same input, so an unchanged file keeps its hash', async () => {
    const original = Buffer.from('Ein Text, zweimal komprimiert. '.repeat(50));
    const [first, second] = await Promise.all([compressText(original), compressText(original)]);
    expect(first.gzip.equals(second.gzip)).toBe(true);
    expect(first.brotli.equals(second.brotli)).toBe(true);
  });
});

describe('COMPRESSIBLE', () => {
  it('takes text files and leaves pictures alone', () => {
    expect(COMPRESSIBLE.test('a/index.html')).toBe(true);
    expect(COMPRESSIBLE.test('feed.xml')).toBe(true);
    expect(COMPRESSIBLE.test('feed.atom')).toBe(true);
    expect(COMPRESSIBLE.test('bild.webp')).toBe(false);
    expect(COMPRESSIBLE.test('bild.jpg')).toBe(false);
  });
});
