/**
 * The corpus of broken content through the real `npm run build` entry point: every problem at once,
 * each as `file:line field — expected …, found …`, no stack trace, non-zero exit, old site untouched.
 * tests/fixtures/broken holds the text cases; a 50 MB file, a binary file named .md and a
 * symbolic-link loop are made at run time in a copy of it.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBuildEnv, projectRoot } from '../helpers/build-fixture.ts';

const run = promisify(execFile);
let result: { code: number; stdout: string; stderr: string };
let work: string;
let outDir: string;
let dir: string;

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'depesche-broken-'));
  const content = path.join(work, 'content');
  await cp(path.join(projectRoot, 'tests/fixtures/broken/content'), content, { recursive: true });
  await writeFile(path.join(content, 'articles/huge.md'), Buffer.alloc(50 * 1024 * 1024, 'a'));
  await writeFile(
    path.join(content, 'articles/binary.md'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  );
  await symlink('.', path.join(content, 'articles/loop'));
  dir = path.relative(projectRoot, content).split(path.sep).join('/');
  outDir = path.join(work, 'out');
  await cp(path.join(projectRoot, 'public/favicon.svg'), path.join(outDir, 'favicon.svg'));
  await writeFile(path.join(outDir, 'index.html'), '<p>the site as published yesterday</p>');
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['src/cli/build.ts', '--content', content, '--out', outDir],
      {
        cwd: projectRoot,
        env: getBuildEnv(),
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    result = { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    result = { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
});

const expected = (): string[] => [
  `${dir}/articles/alias-bomb.md:1 — expected valid YAML, found an error: Excessive alias count indicates a resource exhaustion attack`,
  `${dir}/articles/alias-front-page.md:7 aliases[0] — expected an address the site does not use, found "/", which belongs to the front page. Remove the alias`,
  `${dir}/articles/alias-quote.md:7 aliases[0] — expected a site path starting with "/", of letters, digits and - . _ ~ ! * ( ) , + : @ = & between single slashes (like "/2010/12/13/alter-titel/"), found "/alt;{"`,
  `${dir}/articles/bad-lang.md:7 lang — expected a language tag like "de" or "en-GB", found "deutsch"`,
  `${dir}/articles/bad-slug.md:3 slug — expected a slug of lower-case letters, digits and hyphens (like "wirtschaft"), found "Mit Leerzeichen"`,
  `${dir}/articles/bad-values.md:2 id — expected a whole number like 5130574, found "elf"`,
  `${dir}/articles/bad-values.md:3 headline — expected text, found the number 42`,
  `${dir}/articles/bad-values.md:5 date — expected a real date and time like "2010-12-13 18:45" or "2010-12-13T18:45:00+01:00", found "2010-02-30 10:00"`,
  `${dir}/articles/bad-values.md:7 comments — expected at least 0, found the number -3`,
  `${dir}/articles/bad-values.md:8 headlin — expected one of the known fields (id, slug, kicker, headline, teaser, date, updated, correction, section, topics, authors, credits, dateline, image, related, comments, draft, aliases, imported, lang), found the unknown field "headlin". Did you mean "headline"?`,
  `${dir}/articles/bad-yaml.md:4 — expected valid YAML, found an error: Missing closing "quote`,
  `${dir}/articles/binary.md:3 — expected text, found a NUL byte (is this a binary file?)`,
  `${dir}/articles/correction-alone.md:6 correction — expected an "updated" time to go with the correction note, found none`,
  `${dir}/articles/deep-nesting.md:3 headline — expected text, found a list of 1 item`,
  `${dir}/articles/draft-word.md:7 draft — expected true or false, found "ja"`,
  `${dir}/articles/duplicate-a.md:2 id — expected a unique article id, found 1004, which ${dir}/articles/duplicate-b.md also uses`,
  `${dir}/articles/duplicate-a.md:3 slug — expected a unique slug, found "doppelt", which ${dir}/articles/duplicate-b.md also uses (set a different "slug" field)`,
  `${dir}/articles/duplicate-b.md:2 id — expected a unique article id, found 1004, which ${dir}/articles/duplicate-a.md also uses`,
  `${dir}/articles/duplicate-b.md:3 slug — expected a unique slug, found "doppelt", which ${dir}/articles/duplicate-a.md also uses (set a different "slug" field)`,
  `${dir}/articles/duplicate-key.md:4 — expected valid YAML, found an error: Map keys must be unique (each field may appear once)`,
  `${dir}/articles/empty-headline.md:3 headline — expected text, found an empty value`,
  `${dir}/articles/empty.md:1 — expected front matter between two "---" lines at the top of the file (id, headline, teaser, date, section …), found none`,
  `${dir}/articles/fractional-comments.md:7 comments — expected a whole number, found the number 1.5`,
  `${dir}/articles/german-date.md:5 date — expected a real date and time like "2010-12-13 18:45" or "2010-12-13T18:45:00+01:00", found "13.12.2010"`,
  `${dir}/articles/huge.md — expected a file under 5 MB, found 50.0 MB`,
  `${dir}/articles/image-not-image.md:8 image.src — expected an image file (.jpg, .png, .webp, .avif, .gif, .svg), found "../sections.yaml"`,
  `${dir}/articles/image-url.md:8 image.src — expected a path relative to this file (like "./bild.jpg"), found "https://example.org/bild.jpg"`,
  `${dir}/articles/image-without-alt.md:7 image.alt — expected text describing the picture (alt), found nothing: it is required with src`,
  `${dir}/articles/images.md:8 image.src — expected an image inside the content folder, found "../../../../../../etc/passwd", which points outside it`,
  `${dir}/articles/impossible-time.md:5 date — expected a real date and time like "2010-12-13 18:45" or "2010-12-13T18:45:00+01:00", found "2010-12-13 25:61"`,
  `${dir}/articles/latin1.md:3 — expected UTF-8 text, found bytes that are not UTF-8 (save the file as UTF-8)`,
  `${dir}/articles/list-front-matter.md:2 — expected front matter made of "field: value" lines, found a single value or a list`,
  `${dir}/articles/loop — expected a file or a folder, found a symbolic link to a folder; links to folders are not followed (a link loop would never end). Move the files here instead`,
  `${dir}/articles/missing-fields.md:2 headline — expected text, found nothing: the field is required`,
  `${dir}/articles/missing-fields.md:2 teaser — expected text, found nothing: the field is required`,
  `${dir}/articles/missing-image.md:8 image.src — expected an existing image file, found no file at "../images/gibt-es-nicht.jpg"`,
  `${dir}/articles/negative-id.md:2 id — expected a whole number like 5130574, found the number -5`,
  `${dir}/articles/no-front-matter.md:1 — expected front matter between two "---" lines at the top of the file (id, headline, teaser, date, section …), found none`,
  `${dir}/articles/nul-byte.md:3 — expected text, found a NUL byte (is this a binary file?)`,
  `${dir}/articles/only-dashes.md:1 id — expected a whole number like 5130574, found nothing: the field is required`,
  `${dir}/articles/only-dashes.md:1 headline — expected text, found nothing: the field is required`,
  `${dir}/articles/only-dashes.md:1 teaser — expected text, found nothing: the field is required`,
  `${dir}/articles/related-self.md:7 related[0] — expected another article's id, found this article's own id 1032`,
  `${dir}/articles/tab-yaml.md:4 — expected valid YAML, found an error: a tab used for indentation (indent with spaces)`,
  `${dir}/articles/topics-not-list.md:7 topics — expected a list, found "netzpolitik"`,
  `${dir}/articles/unknown-nested.md:10 image.capton — expected one of the known fields (src, alt, caption, credit), found the unknown field "capton". Did you mean "caption"?`,
  `${dir}/articles/unknown-refs.md:6 section — no section "kultur" (known: politik)`,
  `${dir}/articles/unknown-refs.md:7 topics[1] — no topic "klimakrise" (known: netzpolitik)`,
  `${dir}/articles/unknown-refs.md:11 authors[2] — no author "tkleinzz" (known: tkleinz)`,
  `${dir}/articles/unknown-refs.md:12 related[0] — no article with id 9999`,
  `${dir}/articles/unknown-section-folder.md:6 section — expected a slug of lower-case letters, digits and hyphens (like "wirtschaft"), found "Politik"`,
  `${dir}/articles/updated-before.md:6 updated — expected a time after the publication date 2010-12-13 10:00, found "2010-12-12 09:00"`,
  `${dir}/articles/year-one.md:5 date — expected a year from 1000 to 2100 (is a digit missing or doubled?), found "0001-01-01"`,
  `${dir}/authors/bad-link.yaml:4 links[0].url — expected a link starting with "https://", "http://" or "/", found "javascript:alert(1)"`,
  `${dir}/authors/jbeispiel.yaml:2 email — expected an e-mail address, found "keine-adresse"`,
  `${dir}/authors/number-name.yaml:1 name — expected text, found the number 42`,
  `${dir}/pages/ohne-titel.md:2 title — expected text, found nothing: the field is required`,
  `${dir}/pages/politik.md:1 — expected a page file name whose URL /politik/ is free, found it taken by the section "politik" (${dir}/sections.yaml:3); rename the file`,
  `${dir}/sections.yaml:3 [1].id — expected each section id once, found "politik" again (first on line 1)`,
  `${dir}/topics.yaml:3 [1].id — expected each topic id once, found "netzpolitik" again (first on line 1)`,
];

describe('a build of broken content', () => {
  it('exits non-zero', () => {
    expect(result.code).toBe(1);
  });

  it('reports every problem of the run, each on its own line, in file order', () => {
    const lines = result.stderr.split('\n').filter((line) => line.startsWith(dir));
    expect(lines).toEqual(expected());
    expect(new Set(lines.map((line) => line.split(/[: ]/)[0])).size).toBeGreaterThanOrEqual(40);
  });

  it('closes with one sentence that says what happened and what to do', () => {
    expect(result.stderr).toContain(
      'The content has 60 errors in 48 files, so nothing was published. Fix the fields named above and build again.',
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
    expect((await readdir(outDir)).sort()).toEqual(['favicon.svg', 'index.html']);
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toBe('<p>the site as published yesterday</p>');
  });
});
