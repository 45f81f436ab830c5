/**
 * The pictures' variant files, made with sharp outside Astro's build: Astro optimises pictures
 * only in `astro build`, and the publishing engine renders pages on demand (issue #11).
 *
 * One entry point, called the same way by `npm run build` (build-and-publish.ts, right after the
 * render step), the fixture builds of the tests and the publishing engine:
 *
 *   writePictures(siteDir, pictures, cacheDir, published?): Promise<PictureReport>
 *
 * - `siteDir`: the site folder being built; every variant ends up as `<siteDir>/_astro/<file>`
 *   under the name lib/site/pictures.ts gives it.
 * - `pictures`: the pictures the site shows, with their variants: `listSitePictures(newsroom,
 *   contentDir)` of lib/site/pictures.ts.
 * - `cacheDir`: the build's cache folder. Variants are kept in `<cacheDir>/pictures/`, by the
 *   digest of the source's bytes and the variant, and only missing ones are made; a cold build
 *   (the page caches removed) keeps this folder and makes none.
 * - `published`: whether the release the build starts from has a site file. A variant's name
 *   holds the digest of its source and the recipe, so a variant the published release has is
 *   the same file: it is not written again but listed in `kept`, for the new release to share.
 *
 * It returns how many variants were made, reused and kept, and its seconds. Variants enter the site as
 * hard links to the cache where the file systems allow, copies otherwise. That is safe because a
 * cache file is never written in place: it is written beside its name and renamed onto it, once.
 *
 * The encoding is astro:assets' sharp service's (node_modules/astro/dist/assets/services/sharp.js:
 * rotated by EXIF, resized to width and height without enlarging, sharp's default quality), so the
 * files are byte for byte what `astro build` wrote for the same picture.
 */
import { copyFile, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { hashBytes } from '../hash.ts';
import type { PictureFacts } from '../content/model.ts';
import type { PictureVariant, SitePicture } from '../site/pictures.ts';
import { runPool } from './finish-release.ts';

/** The picture cache's folder in the build's cache folder. */
export const PICTURE_CACHE = 'pictures';

export interface PictureReport {
  /** Picture files the site shows. */
  pictures: number;
  /** Variant files put into the site. */
  variants: number;
  /** Variants made by this run, because the cache did not hold them. */
  generated: number;
  /** Variants taken from the cache. */
  reused: number;
  /**
   * Site files (e.g. `_astro/streik.1a2b3c4d-400.webp`) of the variants the published release
   * has already: not written, the new release takes them over.
   */
  kept: string[];
  seconds: number;
}

// libvips' operation cache holds decoded pictures for reuse; each variant is made once, so it
// would only hold memory (astro:assets switches it off too).
sharp.cache(false);

/** Makes one variant's bytes from the source's, as astro:assets' sharp service does. */
export async function encodeVariant(bytes: Buffer, facts: PictureFacts, variant: PictureVariant): Promise<Buffer> {
  if (variant.format === 'svg') return bytes;
  const image = sharp(bytes, { failOn: 'none', pages: -1 });
  image.rotate();
  image.resize({ width: variant.width, height: variant.height, withoutEnlargement: true });
  // An animated GIF stays animated, and loops as GIFs do.
  if (variant.format === 'webp') image.webp(facts.format === 'gif' ? { loop: 0 } : {});
  else image.jpeg({});
  try {
    return await image.toBuffer();
  } catch (error) {
    throw new Error(`The picture ${facts.file} could not be converted to ${variant.format}.`, { cause: error });
  }
}

/** Reads a source and makes sure it is still the picture the pages were given: its digest is the variants' key. */
async function readSource(source: string, facts: PictureFacts): Promise<Buffer> {
  const bytes = await readFile(source);
  if (hashBytes(bytes) !== facts.digest) {
    throw new Error(
      `The picture ${facts.file} changed while the site was being built; build again to publish the new one.`,
    );
  }
  return bytes;
}

/** Writes a file under a temporary name and renames it into place, so no reader sees half of it. */
async function writeWhole(file: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

const isCached = (file: string): Promise<boolean> =>
  stat(file).then(
    (info) => info.isFile() && info.size > 0,
    () => false,
  );

/**
 * The cache file of one variant, made if missing: for the dev server, which makes the variant a
 * page asks for when the browser asks for it.
 */
export async function ensureVariant(
  source: string,
  facts: PictureFacts,
  variant: PictureVariant,
  cacheDir: string,
): Promise<string> {
  const cached = path.join(cacheDir, PICTURE_CACHE, variant.cacheFile);
  if (!(await isCached(cached)))
    await writeWhole(cached, await encodeVariant(await readSource(source, facts), facts, variant));
  return cached;
}

/** Puts a cache file into the site: a hard link, or a copy across file systems. */
async function placeFile(cached: string, target: string): Promise<void> {
  await rm(target, { force: true });
  try {
    await link(cached, target);
  } catch {
    await copyFile(cached, target);
  }
}

export async function writePictures(
  siteDir: string,
  pictures: readonly SitePicture[],
  cacheDir: string,
  published: (file: string) => boolean = () => false,
): Promise<PictureReport> {
  const started = performance.now();
  const cacheRoot = path.join(cacheDir, PICTURE_CACHE);
  // Two files with the same name and the same bytes share their URLs: each URL is written once.
  const byUrl = new Map<string, { picture: SitePicture; variant: PictureVariant }>();
  for (const picture of pictures) for (const variant of picture.variants) byUrl.set(variant.url, { picture, variant });
  const kept: string[] = [];
  const wanted: Array<{ picture: SitePicture; variant: PictureVariant }> = [];
  for (const [url, job] of byUrl) {
    const file = url.slice(1);
    if (published(file)) kept.push(file);
    else wanted.push(job);
  }

  const missing: typeof wanted = [];
  await runPool(wanted, 16, async (job) => {
    if (!(await isCached(path.join(cacheRoot, job.variant.cacheFile)))) missing.push(job);
  });

  // A source is read once for all its missing variants, when the first is made, and let go when
  // the last is: ordered by source, the pool holds about as many sources as it has workers.
  const sources = new Map<string, { bytes?: Promise<Buffer>; pending: number }>();
  for (const { picture } of missing) {
    const entry = sources.get(picture.source) ?? { pending: 0 };
    entry.pending++;
    sources.set(picture.source, entry);
  }
  missing.sort((a, b) => (a.picture.source < b.picture.source ? -1 : a.picture.source > b.picture.source ? 1 : 0));
  await runPool(missing, availableParallelism(), async ({ picture, variant }) => {
    const entry = sources.get(picture.source)!;
    entry.bytes ??= readSource(picture.source, picture.facts);
    const data = await encodeVariant(await entry.bytes, picture.facts, variant);
    await writeWhole(path.join(cacheRoot, variant.cacheFile), data);
    if (--entry.pending === 0) sources.delete(picture.source);
  });

  const folders = new Set(wanted.map(({ variant }) => path.dirname(path.join(siteDir, variant.url))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  await runPool(wanted, 16, ({ variant }) =>
    placeFile(path.join(cacheRoot, variant.cacheFile), path.join(siteDir, variant.url)),
  );
  return {
    pictures: pictures.length,
    variants: byUrl.size,
    generated: missing.length,
    reused: wanted.length - missing.length,
    kept: kept.sort(),
    seconds: Math.round(performance.now() - started) / 1000,
  };
}
