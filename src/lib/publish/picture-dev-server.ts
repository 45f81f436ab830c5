/**
 * Pictures for `npm run dev`: pages name the same variant URLs as a published site
 * (lib/site/pictures.ts), and nothing has written the files, so a Vite middleware (astro.config.mjs)
 * makes each variant when the browser asks for it, into the same picture cache the build uses.
 *
 * The URL names the picture by its file name and the hash of its bytes; the picture is found by
 * looking at the content folder's pictures of that name, so it needs no list of what the pages use
 * and finds a picture added a moment ago.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { readPicture, PICTURE_FILE } from '../content/read-pictures.ts';
import type { PictureFacts } from '../content/model.ts';
import { toSlashPath } from '../paths.ts';
import {
  getPictureName,
  listPictureVariants,
  parsePictureUrl,
  PICTURE_USES,
  type PictureUse,
} from '../site/pictures.ts';
import { ensureVariant } from './picture-files.ts';

const CONTENT_TYPES = { webp: 'image/webp', jpeg: 'image/jpeg', svg: 'image/svg+xml' } as const;
const ALL_USES = [...(Object.keys(PICTURE_USES) as PictureUse[]), 'social' as const];

export interface PictureServerOptions {
  /** The content folder, absolute. */
  contentDir: string;
  /** The cache folder whose `pictures/` holds the variants, shared with `npm run build`. */
  cacheDir: string;
}

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** Picture files below the content folder whose URL name is `name`. */
async function findCandidates(contentDir: string, name: string): Promise<string[]> {
  const entries = await readdir(contentDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && PICTURE_FILE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => getPictureName(toSlashPath(contentDir, file)) === name);
}

/** A Connect middleware that answers variant URLs and passes every other request on. */
export function createPictureMiddleware(options: PictureServerOptions): Middleware {
  // A picture's facts by file, size and time, so a page of twenty teasers does not hash each file twenty times.
  const known = new Map<string, PictureFacts | undefined>();
  const readFacts = async (file: string): Promise<PictureFacts | undefined> => {
    const info = await stat(file);
    const key = `${file}\0${info.size}\0${info.mtimeMs}`;
    if (!known.has(key)) {
      const read = await readPicture(file, options.contentDir);
      known.set(key, read.ok ? read.facts : undefined);
    }
    return known.get(key);
  };

  const serve = async (url: string, response: ServerResponse): Promise<boolean> => {
    const wanted = parsePictureUrl(url);
    if (!wanted) return false;
    for (const file of await findCandidates(options.contentDir, wanted.name)) {
      const facts = await readFacts(file);
      const variant = facts && listPictureVariants(facts, ALL_USES).find((candidate) => candidate.url === url);
      if (!facts || !variant) continue;
      const cached = await ensureVariant(file, facts, variant, options.cacheDir);
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES[variant.format], 'Cache-Control': 'no-cache' });
      createReadStream(cached).pipe(response);
      return true;
    }
    return false;
  };

  return (request, response, next) => {
    const url = (request.url ?? '').split('?')[0] ?? '';
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !url.startsWith('/_astro/')) return next();
    serve(url, response).then((served) => {
      if (!served) next();
    }, next);
  };
}
