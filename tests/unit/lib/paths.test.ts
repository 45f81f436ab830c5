import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFilesBelow, toSlashPath } from '../../../src/lib/paths.ts';

describe('toSlashPath', () => {
  it('names a file relative to a folder with forward slashes', () => {
    expect(toSlashPath('/srv/zeitung', path.join('/srv/zeitung', 'content', 'articles', 'a.md'))).toBe(
      'content/articles/a.md',
    );
    expect(toSlashPath('/srv/zeitung/site', '/srv/zeitung/content/a.md')).toBe('../content/a.md');
  });
});

describe('listFilesBelow', () => {
  it('lists every file and link below a folder, sorted, and no folders', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'depesche-paths-'));
    await mkdir(path.join(dir, '2010/12'), { recursive: true });
    await writeFile(path.join(dir, '2010/12/b.html'), '');
    await writeFile(path.join(dir, 'a.html'), '');
    await symlink('a.html', path.join(dir, 'link.html'));
    expect(await listFilesBelow(dir)).toEqual(['2010/12/b.html', 'a.html', 'link.html']);
    await rm(dir, { recursive: true });
  });

  it('follows links to folders, as a release links its shared folders, but not one back into a folder it is in', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'depesche-paths-'));
    await mkdir(path.join(dir, 'store/a'), { recursive: true });
    await writeFile(path.join(dir, 'store/a/index.html'), '');
    await mkdir(path.join(dir, 'site'));
    await symlink('../store/a', path.join(dir, 'site/2017'), 'dir');
    await symlink('.', path.join(dir, 'store/a/self'), 'dir');
    expect(await listFilesBelow(path.join(dir, 'site'))).toEqual(['2017/index.html', '2017/self']);
    await rm(dir, { recursive: true });
  });

  it('fails for a folder that does not exist, rather than answering "no files"', async () => {
    await expect(listFilesBelow(path.join(os.tmpdir(), 'depesche-does-not-exist'))).rejects.toThrow(/ENOENT/);
  });
});
