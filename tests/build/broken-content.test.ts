/**
 * The broken fixture through the real `npm run build` entry point: every problem at once, each as
 * `file:line field — expected …, found …`, no stack trace, non-zero exit, old site untouched.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/build-fixture.ts';

const run = promisify(execFile);

/** The environment without what vitest adds (DEV, PROD, MODE), as a shell would start the build. */
function cleanEnv(): NodeJS.ProcessEnv {
  const { DEV: _dev, PROD: _prod, MODE: _mode, ...rest } = process.env;
  return rest;
}
const dir = 'tests/fixtures/broken/content';
let result: { code: number; stdout: string; stderr: string };
let outDir: string;

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'depesche-broken-'));
  await writeFile(path.join(outDir, 'index.html'), '<p>the site as published yesterday</p>');
  try {
    const { stdout, stderr } = await run(process.execPath, ['src/cli/build.ts', '--content', dir, '--out', outDir], {
      cwd: projectRoot,
      env: { ...cleanEnv(), NODE_ENV: 'production' },
    });
    result = { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    result = { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
});

const expected = [
  `${dir}/articles/bad-values.md:2 id — expected a whole number like 5130574, found "elf"`,
  `${dir}/articles/bad-values.md:3 headline — expected text, found the number 42`,
  `${dir}/articles/bad-values.md:5 date — expected a real date and time like "2010-12-13 18:45" or "2010-12-13T18:45:00+01:00", found "2010-02-30 10:00"`,
  `${dir}/articles/bad-values.md:7 comments — expected at least 0, found the number -3`,
  `${dir}/articles/bad-values.md:8 headlin — expected one of the known fields (id, slug, kicker, headline, teaser, date, updated, correction, section, topics, authors, credits, dateline, image, related, comments, draft, imported, lang), found the unknown field "headlin". Did you mean "headline"?`,
  `${dir}/articles/bad-yaml.md:4 — expected valid YAML, found an error: Missing closing "quote`,
  `${dir}/articles/duplicate-a.md:2 id — expected a unique article id, found 1004, which ${dir}/articles/duplicate-b.md also uses`,
  `${dir}/articles/duplicate-a.md:3 slug — expected a unique slug, found "doppelt", which ${dir}/articles/duplicate-b.md also uses (set a different "slug" field)`,
  `${dir}/articles/duplicate-b.md:2 id — expected a unique article id, found 1004, which ${dir}/articles/duplicate-a.md also uses`,
  `${dir}/articles/duplicate-b.md:3 slug — expected a unique slug, found "doppelt", which ${dir}/articles/duplicate-a.md also uses (set a different "slug" field)`,
  `${dir}/articles/images.md:8 image.src — expected an image inside the content folder, found "../../../../../../etc/passwd", which points outside it`,
  `${dir}/articles/latin1.md:3 — expected UTF-8 text, found bytes that are not UTF-8 (save the file as UTF-8)`,
  `${dir}/articles/missing-fields.md:2 headline — expected text, found nothing: the field is required`,
  `${dir}/articles/missing-fields.md:2 teaser — expected text, found nothing: the field is required`,
  `${dir}/articles/missing-image.md:8 image.src — expected an existing image file, found no file at "../images/gibt-es-nicht.jpg"`,
  `${dir}/articles/no-front-matter.md:1 — expected front matter between two "---" lines at the top of the file (id, headline, teaser, date, section …), found none`,
  `${dir}/articles/tab-yaml.md:4 — expected valid YAML, found an error: a tab used for indentation (indent with spaces)`,
  `${dir}/articles/unknown-refs.md:6 section — no section "kultur" (known: politik)`,
  `${dir}/articles/unknown-refs.md:7 topics[1] — no topic "klimakrise" (known: netzpolitik)`,
  `${dir}/articles/unknown-refs.md:11 authors[2] — no author "tkleinzz" (known: tkleinz)`,
  `${dir}/articles/unknown-refs.md:12 related[0] — no article with id 9999`,
  `${dir}/authors/jbeispiel.yaml:2 email — expected an e-mail address, found "keine-adresse"`,
  `${dir}/sections.yaml:3 [1].id — expected each section id once, found "politik" again (first on line 1)`,
];

describe('a build of broken content', () => {
  it('exits non-zero', () => {
    expect(result.code).toBe(1);
  });

  it('reports every problem of the run, each on its own line, in file order', () => {
    const lines = result.stderr.split('\n').filter((line) => line.startsWith(dir));
    expect(lines).toEqual(expected);
  });

  it('closes with one sentence that says what happened and what to do', () => {
    expect(result.stderr).toContain(
      'The content has 23 errors in 13 files, so nothing was published. Fix the fields named above and build again.',
    );
  });

  it('prints no stack trace', () => {
    expect(result.stderr + result.stdout).not.toMatch(/^\s+at /m);
    expect(result.stderr + result.stdout).not.toContain('Stack trace');
  });

  it('does not report a file again as unknown when its own file is broken', () => {
    expect(result.stderr).not.toContain('no author "jbeispiel"');
  });

  it('leaves the previously published site untouched', async () => {
    expect(await readdir(outDir)).toEqual(['index.html']);
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toBe('<p>the site as published yesterday</p>');
  });
});
