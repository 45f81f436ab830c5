/**
 * Reading pictures' facts, and the checks on what was read (#13): a text file named .jpg and a
 * pixel bomb stop the build with file, line and field; a path outside the content folder is
 * never opened.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { hashBytes } from '../../../../src/lib/hash.ts';
import { formatProblem } from '../../../../src/lib/content/problems.ts';
import { findPicture, readNewsroom } from '../../../../src/lib/content/read-newsroom.ts';
import { readPicture, readPictures, resolvePicturePath } from '../../../../src/lib/content/read-pictures.ts';
import { projectRoot } from '../../../helpers/build-fixture.ts';
import { copyFixtureContent, writeArticle, type ContentCopy } from '../../../helpers/content-copy.ts';
import { DRAWING, makePhoto, makePixelBomb } from '../../../helpers/pictures.ts';

let copy: ContentCopy | undefined;
afterEach(() => copy?.remove());

const imageField = (src: string): string => `\n  src: ${src}\n  alt: Ein Bild`;

async function read(files: Record<string, string | Buffer>) {
  copy = await copyFixtureContent('basic');
  for (const [name, text] of Object.entries(files)) await copy.write(name, text);
  const result = await readNewsroom({ root: projectRoot, contentDir: copy.dir });
  const errors = result.problems
    .filter((problem) => problem.severity === 'error')
    .map((problem) => formatProblem({ ...problem, file: problem.file.replace(/^.*?\/content\//, '') }));
  return { ...result, errors };
}

describe('readPicture', () => {
  it('reads size, format and the digest of the bytes, with the size as an EXIF rotation shows it', async () => {
    copy = await copyFixtureContent('basic');
    const upright = await makePhoto(300, 200);
    await copy.write('images/quer.jpg', upright);
    await copy.write('images/hoch.jpg', await sharp(upright).withMetadata({ orientation: 6 }).toBuffer());
    await copy.write('images/grafik.svg', DRAWING);
    expect(await readPicture(path.join(copy.dir, 'images/quer.jpg'), copy.dir)).toEqual({
      ok: true,
      facts: { file: 'images/quer.jpg', width: 300, height: 200, format: 'jpeg', digest: hashBytes(upright) },
    });
    expect(await readPicture(path.join(copy.dir, 'images/hoch.jpg'), copy.dir)).toMatchObject({
      facts: { width: 200, height: 300 },
    });
    expect(await readPicture(path.join(copy.dir, 'images/grafik.svg'), copy.dir)).toMatchObject({
      facts: { format: 'svg', width: 300, height: 200 },
    });
    expect(await readPicture(path.join(copy.dir, 'images/fehlt.jpg'), copy.dir)).toEqual({
      ok: false,
      failure: 'missing',
    });
    expect(await readPicture(path.join(copy.dir, 'images'), copy.dir)).toEqual({ ok: false, failure: 'folder' });
  });
});

describe('readNewsroom on pictures', () => {
  it('stops with a file:line image.src error for a text file named .jpg and for a 20000 × 20000 PNG pixel bomb', async () => {
    const { records, errors } = await read({
      'images/kaputt.jpg': 'Dies ist kein Bild, nur Text mit der Endung .jpg\n',
      'images/bombe.png': makePixelBomb(20_000),
      'articles/2026/kaputt.md': writeArticle({
        id: '9201',
        slug: 'kaputt',
        image: imageField('../../images/kaputt.jpg'),
      }),
      'articles/2026/bombe.md': writeArticle({
        id: '9202',
        slug: 'bombe',
        image: imageField('../../images/bombe.png'),
      }),
    });
    expect(records).toBeUndefined();
    expect(errors).toEqual([
      'articles/2026/bombe.md:9 image.src — expected a picture of at most 100 megapixels, found 20000 × 20000 (400 megapixels) at "../../images/bombe.png"; scale it down before publishing',
      'articles/2026/kaputt.md:9 image.src — expected a picture (JPEG, PNG, WebP, AVIF, GIF, TIFF or SVG), found a file at "../../images/kaputt.jpg" that is none of these',
    ]);
  });

  it('never opens a path outside the content folder, and reports it', async () => {
    const { errors } = await read({
      'articles/2026/aussen.md': writeArticle({
        id: '9203',
        slug: 'aussen',
        image: imageField('../../../../../../etc/passwd.jpg'),
      }),
    });
    expect(errors).toEqual([
      'articles/2026/aussen.md:9 image.src — expected an image inside the content folder, found "../../../../../../etc/passwd.jpg", which points outside it',
    ]);
    const outside = { file: 'content/articles/a.md', data: { image: { src: '../../../etc/hosts.jpg' } } };
    const reads = await readPictures({ articles: [outside as never], authors: [] }, projectRoot, copy!.dir);
    expect(reads.size).toBe(0);
  });

  it('carries each picture’s facts once, found from every file that names it, however it is written', async () => {
    const { records, errors } = await read({
      'articles/2026/umweg.md': writeArticle({
        id: '9204',
        slug: 'umweg',
        image: imageField('../2010/../../images/server.jpg'),
      }),
    });
    expect(errors).toEqual([]);
    const bytes = await readFile(path.join(copy!.dir, 'images/server.jpg'));
    const facts = { file: 'images/server.jpg', width: 640, height: 400, format: 'jpeg', digest: hashBytes(bytes) };
    const umweg = records!.articles.find((article) => article.slug === 'umweg')!;
    const amazon = records!.articles.find((article) => article.data.image?.src === '../../images/server.jpg')!;
    expect(findPicture(records!, umweg.file, umweg.data.image!.src!)).toEqual(facts);
    expect(findPicture(records!, amazon.file, amazon.data.image!.src!)).toBe(
      findPicture(records!, umweg.file, umweg.data.image!.src!),
    );
    expect([...records!.pictures.keys()].filter((key) => key.endsWith('/server.jpg'))).toEqual([
      resolvePicturePath(amazon.file, '../../images/server.jpg'),
    ]);
    expect([...records!.pictures.values()].map(({ file }) => file).sort()).toEqual([
      'authors/tkleinz.jpg',
      'images/server.jpg',
    ]);
  });
});
