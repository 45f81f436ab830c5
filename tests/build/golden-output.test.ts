/**
 * Golden copies of what Astro renders for each fixture paper: every page, feed, sitemap and text
 * edition file, byte for byte, and the hash of every other file (styles, pictures). They pin
 * today's output so that the publishing engine that replaces `astro build` (issue #11) can be held
 * to it; a change to templates updates them on purpose:
 *
 *   UPDATE_GOLDEN=1 npx vitest run tests/build/golden-output.test.ts
 *
 * and the commit that does so says why each difference is right.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFilesBelow } from '../../src/lib/paths.ts';
import { isPrecompressedCopy } from '../../src/lib/publish/manifest.ts';
import { buildFixture, projectRoot, type BuiltFixture } from '../helpers/build-fixture.ts';

// The xss paper is made at run time from its payloads; its output is checked by parsing instead.
const FIXTURES = ['basic', 'english', 'mixed'];
const TEXT_FILE = /\.(html|xml|atom|json|txt|css|js|svg)$/;
const update = process.env['UPDATE_GOLDEN'] === '1';

/** The text files as they are, and one line per other file: its path and sha256. */
async function readOutput(dir: string): Promise<{ texts: Map<string, string>; binaries: string }> {
  const texts = new Map<string, string>();
  const binaries: string[] = [];
  for (const file of await listFilesBelow(dir)) {
    // The compressed copies follow from the files (and zlib's version); the nginx test serves them.
    if (isPrecompressedCopy(file)) continue;
    const bytes = await readFile(path.join(dir, file));
    if (TEXT_FILE.test(file)) texts.set(file, bytes.toString('utf8'));
    else binaries.push(`${file} ${createHash('sha256').update(bytes).digest('hex')}`);
  }
  return { texts, binaries: `${binaries.join('\n')}\n` };
}

const built: BuiltFixture[] = [];
afterAll(() => Promise.all(built.map((site) => site.remove())));

describe.each(FIXTURES)('the %s fixture', (name) => {
  it('renders exactly its golden copy: the same files, each byte the same', async () => {
    const content = path.join(projectRoot, 'tests/fixtures', name, 'content');
    const site = await buildFixture(content);
    built.push(site);
    const output = await readOutput(site.outDir);
    const goldenDir = path.join(projectRoot, 'tests/fixtures', name, 'golden');
    if (update) {
      await rm(goldenDir, { recursive: true, force: true });
      for (const [file, text] of output.texts) {
        await mkdir(path.dirname(path.join(goldenDir, 'site', file)), { recursive: true });
        await writeFile(path.join(goldenDir, 'site', file), text);
      }
      await writeFile(path.join(goldenDir, 'other-files.txt'), output.binaries);
    }
    const golden = await readOutput(path.join(goldenDir, 'site'));
    expect([...output.texts.keys()]).toEqual([...golden.texts.keys()]);
    for (const [file, text] of output.texts) expect(text, file).toBe(golden.texts.get(file));
    expect(output.binaries).toBe(await readFile(path.join(goldenDir, 'other-files.txt'), 'utf8'));
  });
});
