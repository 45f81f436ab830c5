/**
 * `npm run build -- --quiet`, as watch mode and CI run it: no step lines, every content warning
 * stays, also when the terminal asks for colour.
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
  it('prints content warnings and no step lines when colour is asked for', async () => {
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
    expect(plain).not.toMatch(/^\[build\]/m);
    expect(plain).toMatch(/Published release/);
  });
});
