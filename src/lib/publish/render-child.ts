/**
 * The child process of render-step.ts: runs Astro's build and answers with the hosting facts and
 * the pictures the pages show, or the content's problems, then exits.
 */
import path from 'node:path';
import { build, type AstroIntegration } from 'astro';
import { resolveBuildTime } from '../content/build-time.ts';
import { loadNewsroomFromFiles, openSharedNewsroom, takeSharedNewsroom } from '../content/load-newsroom.ts';
import { listSitePictures } from '../site/pictures.ts';
import { pauseAt, readPauseSteps } from './pause-point.ts';
import { findProblems, type RenderReply, type RenderRequest } from './render-step.ts';

async function render(request: RenderRequest): Promise<RenderReply> {
  openSharedNewsroom();
  await pauseAt('render-start');
  try {
    await build({
      root: request.root,
      outDir: request.outDir,
      cacheDir: request.cacheDir,
      // Always "info": Astro compiles the log level into the bundle (virtual:astro:logger), where
      // it is part of every page's dependency hash, so a build at another level than the last
      // one would render every page again. --quiet filters the output instead.
      logLevel: 'info',
      force: request.force,
      // Only when asked for: an integration more changes Astro's config hash, and so every page's.
      ...(readPauseSteps().has('render-generated') ? { integrations: [pauseAfterGenerating] } : {}),
    });
    await pauseAt('render-done');
  } catch (error) {
    const problems = findProblems(error);
    if (problems) return { ok: false, problems };
    return { ok: false, error: asError(error) };
  }
  const newsroom =
    takeSharedNewsroom() ??
    (await loadNewsroomFromFiles(request.root, request.contentDir, resolveBuildTime(process.env)));
  if (!newsroom)
    return {
      ok: false,
      error: new Error('The content could not be read a second time for the hosting files and pictures.'),
    };
  return {
    ok: true,
    hosting: {
      siteUrl: newsroom.site.url,
      cache: newsroom.site.cache,
      redirects: newsroom.articles.flatMap((article) => article.aliases.map((from) => ({ from, to: article.url }))),
      brotliStatic: newsroom.site.nginx.brotliStatic,
    },
    pictures: listSitePictures(newsroom, path.resolve(request.root, request.contentDir)),
  };
}

/** Pauses between Astro writing the pages (and its cache) and its last steps (the sitemap). */
const pauseAfterGenerating: AstroIntegration = {
  name: 'depesche-pause-after-generating',
  hooks: { 'astro:build:generated': () => pauseAt('render-generated') },
};

/** An Error with Astro's hint, if any, in its message: the hint says what to do. */
function asError(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const hint = (error as { hint?: unknown }).hint;
  if (typeof hint === 'string' && hint && !error.message.includes(hint)) error.message = `${error.message} ${hint}`;
  return error;
}

if (process.send) {
  // The parent is gone: stop at once rather than write into what the next build will use.
  process.on('disconnect', () => process.exit(1));
  process.once('message', (request: RenderRequest) => {
    void render(request)
      .catch((error: unknown): RenderReply => ({ ok: false, error: asError(error) }))
      .then((reply) => {
        // Astro leaves handles open after build(), so the process ends itself once its output
        // is flushed (a pipe is written asynchronously) and the answer has been sent.
        process.stdout.write('', () => process.send?.(reply, () => process.exit(0)));
      });
  });
}
