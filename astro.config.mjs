// @ts-check
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { parse } from 'yaml';
import { resolveBuildTime } from './src/lib/content/build-time.ts';
import { loadNewsroomFromFiles, offerSharedNewsroom } from './src/lib/content/load-newsroom.ts';
import { createPictureMiddleware } from './src/lib/publish/picture-dev-server.ts';
import { buildLastModified, isPaginatedPath } from './src/lib/site/last-modified.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const contentDir = process.env.DEPESCHE_CONTENT_DIR || 'content';

// The published address comes from the paper's own settings, so canonical links need no second
// copy of it. A broken or missing site.yaml is reported by the content loader, with its line.
function readSiteUrl() {
  try {
    const settings = parse(readFileSync(path.resolve(root, contentDir, 'site.yaml'), 'utf8'));
    return typeof settings?.url === 'string' ? settings.url : undefined;
  } catch {
    return undefined;
  }
}

// lastmod for the sitemap: each page's newest change, read from the same files the build reads.
const newsroom = await loadNewsroomFromFiles(root, contentDir, resolveBuildTime(process.env));
const lastModified = newsroom ? buildLastModified(newsroom) : new Map();
offerSharedNewsroom(newsroom);

export default defineConfig({
  site: readSiteUrl(),
  trailingSlash: 'always',
  // Four pages at a time: one page's file writes overlap another's rendering (a full render of a
  // 1,000-article paper: 16 s instead of 22 s on two cores).
  build: { format: 'directory', concurrency: 4 },
  devToolbar: { enabled: false },
  // Pages whose cacheKey (from getStaticPaths) and code are unchanged are copied from the last
  // build instead of rendered again; see docs/performance.md.
  // Astro bundles the content store into the build as one string, which V8 caps at about 512 MB
  // (some 50,000 articles). DEPESCHE_CHUNKED_STORE=1 stores it in chunks for larger papers; in
  // Astro 7.3.4 that makes every build a full one, so it is not the default. The incremental
  // build's manifest meets the same limit near 60,000 articles: DEPESCHE_INCREMENTAL=0 turns it off
  // (docs/performance.md).
  experimental: {
    incrementalBuild: process.env.DEPESCHE_INCREMENTAL !== '0',
    ...(process.env.DEPESCHE_CHUNKED_STORE === '1' ? { collectionStorage: 'chunked' } : {}),
  },
  vite: {
    // The search page's script stays a file of its own, so a Content-Security-Policy can forbid inline scripts.
    build: { assetsInlineLimit: 0 },
    // Pictures are not Astro's (src/lib/publish/picture-files.ts): in dev, each variant a page names
    // is made when the browser asks for it, into the cache `npm run build` uses.
    plugins: [
      {
        name: 'depesche-pictures',
        apply: 'serve',
        configureServer(server) {
          server.middlewares.use(
            createPictureMiddleware({
              contentDir: path.resolve(root, contentDir),
              cacheDir: path.join(root, '.depesche/cache'),
            }),
          );
        },
      },
    ],
  },
  integrations: [
    sitemap({
      filter: (page) => !isPaginatedPath(new URL(page).pathname) && !new URL(page).pathname.endsWith('/404/'),
      serialize(item) {
        const changed = lastModified.get(new URL(item.url).pathname);
        return changed ? { ...item, lastmod: changed.toISOString() } : item;
      },
    }),
  ],
});
