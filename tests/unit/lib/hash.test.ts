import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashBytes, hashFile } from '../../../src/lib/hash.ts';

describe('hashBytes', () => {
  it('gives the SHA-256 of text and of bytes alike, in hex', () => {
    const known = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(hashBytes('abc')).toBe(known);
    expect(hashBytes(Buffer.from('abc'))).toBe(known);
  });

  it('shortens the digest to the length asked for', () => {
    expect(hashBytes('abc', 16)).toBe('ba7816bf8f01cfea');
  });
});

describe('hashFile', () => {
  it('gives the same digest as hashBytes of the file’s bytes', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'depesche-hash-'));
    const bytes = Buffer.alloc(3 * 1024 * 1024, 'ä');
    await writeFile(path.join(dir, 'gross.bin'), bytes);
    expect(await hashFile(path.join(dir, 'gross.bin'))).toBe(hashBytes(bytes));
    await rm(dir, { recursive: true });
  });
});
