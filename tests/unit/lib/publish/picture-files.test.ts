/**
 * The picture step on real pictures made with sharp in a temporary folder: what it writes into a
 * site, what it keeps in its cache, and what it makes again.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPicture } from '../../../../src/lib/content/read-pictures.ts';
import { PICTURE_CACHE, writePictures } from '../../../../src/lib/publish/picture-files.ts';
import { listPictureVariants, type SitePicture } from '../../../../src/lib/site/pictures.ts';
import { DRAWING, makePhoto } from '../../../helpers/pictures.ts';

let work: string;
let contentDir: string;
let cacheDir: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'depesche-pictures-'));
  contentDir = path.join(work, 'content');
  cacheDir = path.join(work, 'cache');
  await mkdir(path.join(contentDir, 'images'), { recursive: true });
});
afterEach(() => rm(work, { recursive: true, force: true }));

/** Writes a picture into the content folder and lists it as a site shows an article picture. */
async function addPicture(file: string, bytes: Buffer | string): Promise<SitePicture> {
  const source = path.join(contentDir, file);
  await writeFile(source, bytes);
  const read = await readPicture(source, contentDir);
  if (!read.ok) throw new Error(`${file}: ${read.failure}`);
  return { source, facts: read.facts, variants: listPictureVariants(read.facts, ['figure', 'teaser', 'social']) };
}

const newSite = async (name: string): Promise<string> => {
  const dir = path.join(work, name);
  await mkdir(dir);
  return dir;
};

describe('writePictures', () => {
  it('puts every variant into the site in its width, height and format', async () => {
    const picture = await addPicture('images/hafen.jpg', await makePhoto(1000, 600));
    const site = await newSite('site');
    const report = await writePictures(site, [picture], cacheDir);
    expect(report).toMatchObject({ pictures: 1, variants: 6, generated: 6, reused: 0 });
    expect(report.seconds).toBeGreaterThanOrEqual(0);
    for (const variant of picture.variants) {
      const written = await sharp(path.join(site, variant.url)).metadata();
      expect([written.format, written.width, written.height], variant.url).toEqual([
        variant.format,
        variant.width,
        variant.height,
      ]);
    }
    expect((await readdir(path.join(site, '_astro'))).sort()).toEqual(
      picture.variants.map(({ url }) => path.basename(url)).sort(),
    );
  });

  it('writes only the variants the published release lacks, and lists the others as kept', async () => {
    const old = await addPicture('images/hafen.jpg', await makePhoto(1000, 600));
    const fresh = await addPicture('images/kai.jpg', await makePhoto(900, 500));
    const published = new Set(old.variants.map(({ url }) => url.slice(1)));
    const site = await newSite('site');
    const report = await writePictures(site, [old, fresh], cacheDir, (file) => published.has(file));
    expect(report).toMatchObject({ pictures: 2, variants: 12, generated: 6, reused: 0 });
    expect(report.kept).toEqual([...published].sort());
    expect((await readdir(path.join(site, '_astro'))).sort()).toEqual(
      fresh.variants.map(({ url }) => path.basename(url)).sort(),
    );
  });

  it('makes nothing the second time, and takes every variant from its cache', async () => {
    const picture = await addPicture('images/hafen.jpg', await makePhoto(1000, 600));
    await writePictures(await newSite('first'), [picture], cacheDir);
    const second = await newSite('second');
    expect(await writePictures(second, [picture], cacheDir)).toMatchObject({ generated: 0, reused: 6 });
    const variant = picture.variants[0]!;
    const [cached, published] = await Promise.all([
      stat(path.join(cacheDir, PICTURE_CACHE, variant.cacheFile)),
      stat(path.join(second, variant.url)),
    ]);
    // One file on disk, two names: the site shares the cache's bytes (same file system here).
    expect(published.ino).toBe(cached.ino);
  });

  it('makes new variants for a picture replaced under the same name, beside the old ones', async () => {
    const before = await addPicture('images/hafen.jpg', await makePhoto(1000, 600, 200));
    await writePictures(await newSite('first'), [before], cacheDir);
    const after = await addPicture('images/hafen.jpg', await makePhoto(1000, 600, 20));
    const site = await newSite('second');
    expect(await writePictures(site, [after], cacheDir)).toMatchObject({ generated: 6, reused: 0 });
    expect(after.variants.map(({ url }) => url)).not.toContain(before.variants[0]!.url);
    const { dominant } = await sharp(path.join(site, after.variants[0]!.url)).stats();
    expect(dominant.r).toBeLessThan(100);
  });

  it('keeps its cache through a cold build: the page caches and the site gone, nothing is made again', async () => {
    const picture = await addPicture('images/hafen.jpg', await makePhoto(1000, 600));
    await writePictures(await newSite('first'), [picture], cacheDir);
    // What a cold build removes: the site and everything in the cache folder but the picture cache.
    await rm(path.join(work, 'first'), { recursive: true });
    await writeFile(path.join(cacheDir, 'incremental-build.json'), '{}');
    for (const entry of await readdir(cacheDir))
      if (entry !== PICTURE_CACHE) await rm(path.join(cacheDir, entry), { recursive: true });
    const site = await newSite('cold');
    expect(await writePictures(site, [picture], cacheDir)).toMatchObject({ generated: 0, reused: 6 });
    for (const variant of picture.variants) expect((await stat(path.join(site, variant.url))).size).toBeGreaterThan(0);
  });

  it('writes each variant once when a picture is listed twice', async () => {
    const pictures = await Promise.all(
      [10, 60, 110, 160].map((red, index) =>
        makePhoto(900, 600, red).then((bytes) => addPicture(`images/p${index}.jpg`, bytes)),
      ),
    );
    const report = await writePictures(await newSite('site'), [...pictures, pictures[0]!], cacheDir);
    expect(report).toMatchObject({ pictures: 5, variants: 4 * 6, generated: 4 * 6 });
  });

  it('publishes a drawing as it is, byte for byte', async () => {
    const drawing = await addPicture('images/grafik.svg', DRAWING);
    const site = await newSite('site');
    expect(await writePictures(site, [drawing], cacheDir)).toMatchObject({ variants: 1, generated: 1 });
    expect(await readFile(path.join(site, drawing.variants[0]!.url), 'utf8')).toBe(DRAWING);
  });

  it('refuses a picture that changed after its facts were read, rather than cache it under the old digest', async () => {
    const picture = await addPicture('images/hafen.jpg', await makePhoto(1000, 600, 200));
    await writeFile(picture.source, await makePhoto(1000, 600, 20));
    await expect(writePictures(await newSite('site'), [picture], cacheDir)).rejects.toThrow(
      'The picture images/hafen.jpg changed while the site was being built',
    );
    const cached = await readdir(path.join(cacheDir, PICTURE_CACHE), { recursive: true }).catch(() => []);
    expect(cached.filter((file) => /\.(webp|jpeg)$/.test(String(file)))).toEqual([]);
  });
});
