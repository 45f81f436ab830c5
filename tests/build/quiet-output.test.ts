/**
 * `npm run build -- --quiet`, as watch mode and CI run it: Astro's page list goes, every content
 * warning stays, whether or not Astro colours its output.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { getBuildEnv, projectRoot } from '../helpers/build-fixture.ts';
import { copyFixtureContent, writeArticle, type ContentCopy } from '../helpers/content-copy.ts';

const run = promisify(execFile);
let copy: ContentCopy;
afterAll(() => copy.remove());

describe('a quiet build', () => {
  it('prints content warnings and no page list when Astro writes in colour', async () => {
    copy = await copyFixtureContent('basic');
    await copy.write('articles/.entwurf.md', writeArticle({ id: '9300' }));
    const { stdout } = await run(
      process.execPath,
      [
        'src/cli/build.ts',
        '--content',
        copy.dir,
        '--out',
        path.join(copy.dir, '../out'),
        '--cache',
        path.join(copy.dir, '../cache'),
        '--quiet',
      ],
      { cwd: projectRoot, env: { ...getBuildEnv(), FORCE_COLOR: '1', CI: 'true' } },
    );
    const plain = stripVTControlCharacters(stdout);
    expect(plain).toMatch(/\[WARN\].*articles\/\.entwurf\.md — expected a visible file, found a hidden one/);
    expect(stdout).not.toBe(plain); // the output really was coloured
    expect(plain).not.toMatch(/├─/);
    expect(plain).toMatch(/Published release/);
  });
});
