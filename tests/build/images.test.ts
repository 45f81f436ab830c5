/**
 * Pictures that are not converted: a drawing (SVG) is published as it is;
 * a file that is no picture and a "pixel bomb" are content errors with file, line and field,
 * reported with every other problem before anything is rendered.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFixture, getBuildEnv, projectRoot, type BuiltFixture } from '../helpers/build-fixture.ts';
import { copyFixtureContent, writeArticle, type ContentCopy } from '../helpers/content-copy.ts';
import { DRAWING, makePixelBomb } from '../helpers/pictures.ts';

const run = promisify(execFile);
const copies: ContentCopy[] = [];
let built: BuiltFixture | undefined;
afterAll(async () => {
  await built?.remove();
  await Promise.all(copies.map((copy) => copy.remove()));
});

const imageField = (src: string): string => `\n  src: ${src}\n  alt: Ein Bild\n  caption: Eine Bildunterschrift`;

describe('an SVG picture', () => {
  it('is published as it is, in the article and in lists, with its size and no link-preview image', async () => {
    const copy = await copyFixtureContent('basic');
    copies.push(copy);
    await copy.write('images/grafik.svg', DRAWING);
    await copy.write(
      'articles/2026/grafik.md',
      writeArticle({
        id: '9200',
        slug: 'grafik',
        date: '2026-11-19 08:00',
        image: imageField('../../images/grafik.svg'),
      }),
    );
    built = await buildFixture(copy.dir);
    const $ = await built.page('/2026/11/19/grafik/');
    const img = $('figure.article-figure img');
    expect(img.attr('width')).toBe('300');
    expect(img.attr('height')).toBe('200');
    expect(img.attr('src')).toMatch(/^\/_astro\/grafik\.[\w-]+\.svg$/);
    expect(await readFile(path.join(built.outDir, img.attr('src')!), 'utf8')).toBe(DRAWING);
    expect($('meta[property="og:image"]')).toHaveLength(0);
    const front = await built.page('/');
    expect(front(`a[href="/2026/11/19/grafik/"]`).closest('article').find('img').attr('src')).toBe(img.attr('src'));
  });
});

describe('a picture that cannot be published', () => {
  it('stops the build with a file:line image.src error for a text file named .jpg and for a pixel bomb', async () => {
    const copy = await copyFixtureContent('basic');
    copies.push(copy);
    await copy.write('images/kaputt.jpg', 'Dies ist kein Bild, nur Text mit der Endung .jpg\n');
    await copy.write('images/bombe.png', makePixelBomb(20_000));
    await copy.write(
      'articles/2026/kaputt.md',
      writeArticle({ id: '9201', slug: 'kaputt', image: imageField('../../images/kaputt.jpg') }),
    );
    await copy.write(
      'articles/2026/bombe.md',
      writeArticle({ id: '9202', slug: 'bombe', image: imageField('../../images/bombe.png') }),
    );
    const outcome = await run(
      process.execPath,
      ['src/cli/build.ts', '--content', copy.dir, '--out', path.join(copy.dir, '../out'), '--quiet'],
      {
        cwd: projectRoot,
        env: getBuildEnv(),
      },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(outcome.code).toBe(1);
    const dir = path.relative(projectRoot, copy.dir);
    expect(outcome.stderr).toContain(
      `${dir}/articles/2026/kaputt.md:9 image.src — expected a picture (JPEG, PNG, WebP, AVIF, GIF, TIFF or SVG), found a file at "../../images/kaputt.jpg" that is none of these`,
    );
    expect(outcome.stderr).toContain(
      `${dir}/articles/2026/bombe.md:9 image.src — expected a picture of at most 100 megapixels, found 20000 × 20000 (400 megapixels) at "../../images/bombe.png"; scale it down before publishing`,
    );
    expect(outcome.stderr).not.toMatch(/^\s+at /m);
  });
});
