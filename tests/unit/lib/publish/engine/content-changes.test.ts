/**
 * ContentChanges on a real folder: what a load is told after a watcher's events, and what the
 * sweep beside it finds that no event named.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentChanges } from '../../../../../src/lib/publish/engine/content-changes.ts';

let work: string;
let changes: ContentChanges;
const at = (file: string): string => path.join(work, file);

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'depesche-changes-'));
  await mkdir(at('articles/2026'), { recursive: true });
  await writeFile(at('site.yaml'), 'title: Test\n');
  await writeFile(at('articles/2026/a.md'), 'A\n');
  await writeFile(at('articles/2026/b.md'), 'B\n');
  changes = new ContentChanges(work);
});
afterEach(() => rm(work, { recursive: true, force: true }));

/** The first load stats every file, and the first sweep has nothing to compare with. */
async function startWatching(): Promise<void> {
  expect(changes.take()).toBeUndefined();
  expect(await changes.sweep()).toBeUndefined();
}

describe('ContentChanges', () => {
  it('tells nothing before the first load has looked at every file', async () => {
    changes.note(at('articles/2026/a.md'));
    expect(changes.take()).toBeUndefined();
  });

  it('tells the next load the files the watcher named since the last one, once each, sorted', async () => {
    await startWatching();
    changes.note(at('articles/2026/b.md'));
    changes.note(at('articles/2026/a.md'));
    changes.note(at('articles/2026/b.md'));
    expect(changes.take()).toEqual([at('articles/2026/a.md'), at('articles/2026/b.md')]);
    expect(changes.take()).toEqual([]);
  });

  it('has every file looked at after an event without a name, a folder named, or a thousand names', async () => {
    await startWatching();
    changes.note(undefined);
    expect(changes.take()).toBeUndefined();
    changes.note(at('articles/2026'));
    expect(changes.take()).toBeUndefined();
    for (let index = 0; index < 1000; index++) changes.note(at(`articles/2026/n${index}.md`));
    expect(changes.take()).toBeUndefined();
    expect(changes.take()).toEqual([]);
  });

  it('puts back what a load that failed was told, with what was named since', async () => {
    await startWatching();
    changes.note(at('articles/2026/a.md'));
    const told = changes.take();
    changes.note(at('site.yaml'));
    changes.putBack(told);
    expect(changes.take()).toEqual([at('articles/2026/a.md'), at('site.yaml')]);
    changes.putBack(undefined);
    expect(changes.take()).toBeUndefined();
  });

  it('sweeps up every file changed, added or removed since the last sweep, named or not', async () => {
    await startWatching();
    expect(await changes.sweep()).toEqual([]);
    await writeFile(at('articles/2026/a.md'), 'A, longer now\n');
    await writeFile(at('articles/2026/c.md'), 'C\n');
    await rm(at('articles/2026/b.md'));
    expect(await changes.sweep()).toEqual([
      at('articles/2026/a.md'),
      at('articles/2026/b.md'),
      at('articles/2026/c.md'),
    ]);
    expect(await changes.sweep()).toEqual([]);
  });

  it('sweeps up a folder swapped for another whose files have the same names', async () => {
    await startWatching();
    await mkdir(at('other'));
    await writeFile(at('other/a.md'), 'A\n');
    await writeFile(at('other/b.md'), 'B\n');
    await rename(at('articles/2026'), at('old'));
    await rename(at('other'), at('articles/2026'));
    const swept = await changes.sweep();
    expect(swept).toEqual(expect.arrayContaining([at('articles/2026/a.md'), at('articles/2026/b.md')]));
  });
});
