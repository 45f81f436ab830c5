/**
 * Reads the facts of every picture the content refers to — size, format and the digest of its
 * bytes — once per file, however many articles use it (an agency photo on a hundred articles is
 * one read). The checks (check-newsroom.ts) judge what is read here, and createNewsroom puts the
 * facts on articles and authors; neither reads a picture itself.
 *
 * A path is only read when it may be: relative, inside the content folder and named like a
 * picture. Anything else is left for the checks to report, and never opened.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { hashBytes } from '../hash.ts';
import { toSlashPath } from '../paths.ts';
import { PICTURE_FORMATS, type PictureFacts } from '../../schemas/fields.ts';
import type { SourceRecord } from './read-newsroom.ts';

/** What a picture's name must end in to be read. */
export const PICTURE_FILE = /\.(jpe?g|png|webp|avif|gif|svg|tiff?)$/i;

/** Why a picture path is not read. */
export type RefusedPath = 'not-relative' | 'outside' | 'not-a-picture-name';

/** Why a picture file read gave no facts. */
export type FailedRead = 'missing' | 'folder' | 'unreadable' | 'not-a-picture';

export type PictureRead = { ok: true; facts: PictureFacts } | { ok: false; failure: FailedRead };

/**
 * The key of a picture in `NewsroomRecords.pictures`: its path as resolved from the file that
 * names it, relative to the project root like every file name in messages
 * (`content/images/server.jpg`). Resolved by hand with forward slashes, as `record.file` is
 * written, so any reader of the records finds a picture without knowing the project's folder.
 */
export function resolvePicturePath(recordFile: string, src: string): string {
  // Asked for every picture reference several times a run; the articles of a folder name the same
  // pictures, so each folder's `src` is resolved once.
  const key = `${recordFile.slice(0, recordFile.lastIndexOf('/') + 1)}\u0000${src}`;
  let resolved = resolvedPaths.get(key);
  if (resolved === undefined) {
    resolved = path.posix.normalize(path.posix.join(path.posix.dirname(recordFile), src));
    resolvedPaths.set(key, resolved);
  }
  return resolved;
}

const resolvedPaths = new Map<string, string>();
const locatedPictures = new Map<string, ReturnType<typeof locateUncached>>();

/** Whether `src`, named in `recordFile`, may be read; the absolute path if so. */
export function locatePicture(
  recordFile: string,
  src: string,
  root: string,
  contentDir: string,
): { ok: true; absolute: string } | { ok: false; refused: RefusedPath } {
  const key = `${root}\u0000${contentDir}\u0000${resolvePicturePath(recordFile, src)}\u0000${src}`;
  let located = locatedPictures.get(key);
  if (!located) locatedPictures.set(key, (located = locateUncached(recordFile, src, root, contentDir)));
  return located;
}

function locateUncached(
  recordFile: string,
  src: string,
  root: string,
  contentDir: string,
): { ok: true; absolute: string } | { ok: false; refused: RefusedPath } {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('/')) return { ok: false, refused: 'not-relative' };
  const absolute = path.resolve(root, resolvePicturePath(recordFile, src));
  const inside = path.relative(contentDir, absolute);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return { ok: false, refused: 'outside' };
  if (!PICTURE_FILE.test(src)) return { ok: false, refused: 'not-a-picture-name' };
  return { ok: true, absolute };
}

const isPictureFormat = (format: string | undefined): format is PictureFacts['format'] =>
  (PICTURE_FORMATS as readonly string[]).includes(format ?? '');

/** Reads one picture file: its digest over the bytes, and size and format from its header. */
export async function readPicture(absolute: string, contentDir: string): Promise<PictureRead> {
  let bytes: Buffer;
  try {
    if (!(await stat(absolute)).isFile()) return { ok: false, failure: 'folder' };
    bytes = await readFile(absolute);
  } catch (error) {
    return { ok: false, failure: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  // Only the header is decoded: enough to refuse a file that is no picture, and to know the size of
  // one that would take gigabytes to decode (a "pixel bomb" can be a 48 KB PNG) before anything does.
  const header = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => undefined);
  if (!header || !isPictureFormat(header.format) || !header.width || !header.height)
    return { ok: false, failure: 'not-a-picture' };
  // Width and height as the picture is shown: a portrait photo stored sideways with an EXIF
  // rotation is taller than wide, as astro:assets measured it too.
  const { width, height } = header.autoOrient ?? header;
  return {
    ok: true,
    facts: { file: toSlashPath(contentDir, absolute), width, height, format: header.format, digest: hashBytes(bytes) },
  };
}

/** Every picture the records name (article pictures, portraits), with the record that names it. */
export function listPictureReferences(records: {
  articles: ReadonlyArray<SourceRecord<{ image?: { src?: string | undefined } | undefined }>>;
  authors: ReadonlyArray<SourceRecord<{ image?: string | undefined }>>;
}): Array<{ record: SourceRecord<unknown>; src: string }> {
  return [
    ...records.articles.flatMap((record) =>
      record.data.image?.src === undefined ? [] : [{ record, src: record.data.image.src }],
    ),
    ...records.authors.flatMap((record) =>
      record.data.image === undefined ? [] : [{ record, src: record.data.image }],
    ),
  ];
}

/**
 * Reads every picture the records name that may be read, each file once and a few at a time (the
 * reads wait on the disk, the headers on libvips). Keyed by `resolvePicturePath`. `read` is where
 * a picture's facts come from: the newsroom store keeps them by the file's stat.
 */
export async function readPictures(
  records: Parameters<typeof listPictureReferences>[0],
  root: string,
  contentDir: string,
  read: (absolute: string, contentDir: string) => Promise<PictureRead> = readPicture,
): Promise<Map<string, PictureRead>> {
  const files = new Map<string, string>();
  for (const { record, src } of listPictureReferences(records)) {
    const located = locatePicture(record.file, src, root, contentDir);
    if (located.ok) files.set(resolvePicturePath(record.file, src), located.absolute);
  }
  const reads = new Map<string, PictureRead>();
  const queue = [...files];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < queue.length) {
      const [key, absolute] = queue[next++]!;
      reads.set(key, await read(absolute, contentDir));
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, queue.length) }, worker));
  return reads;
}
