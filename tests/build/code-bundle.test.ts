import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCodeKey, ensureCodeBundle, resolveCodeRoot } from '../../src/lib/publish/engine/code-bundle.ts';
import { listFilesBelow } from '../../src/lib/paths.ts';
import { copyProject } from '../helpers/content-copy.ts';

const COMPONENT = 'src/components/SupportAppeal.astro';

describe("the site's code bundle", () => {
  let work: string;
  let root: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'depesche-code-bundle-'));
    root = path.join(work, 'project');
    await copyProject(root);
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('is built again, under the new key, when the code changes while Astro builds it', async () => {
    const before = await computeCodeKey(root);
    const started: string[] = [];
    const bundle = await ensureCodeBundle(root, (key) => {
      started.push(key);
      // Saved as the first build begins: that build reads the new file under the old key.
      if (started.length === 1) {
        const file = path.join(root, COMPONENT);
        writeFileSync(
          file,
          readFileSync(file, 'utf8').replace('class="support-appeal"', 'class="support-appeal saved-late"'),
        );
      }
    });
    const after = await computeCodeKey(root);
    expect(after).not.toBe(before);
    expect(started).toEqual([before, after]);
    expect(bundle).toMatchObject({ key: after, built: true });
    // Nothing is kept under the key of the code before the save, which would be served if the
    // code went back to it.
    const codeRoot = resolveCodeRoot(root);
    expect(existsSync(path.join(codeRoot, before))).toBe(false);
    expect(existsSync(path.join(codeRoot, after, 'complete.json'))).toBe(true);
    const serverDir = path.dirname(bundle.entry);
    const texts = await Promise.all(
      (await listFilesBelow(serverDir)).map((file) => readFile(path.join(serverDir, file), 'utf8')),
    );
    expect(texts.some((text) => text.includes('saved-late'))).toBe(true);
  });
});
