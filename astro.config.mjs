// @ts-check
// The configuration of `astro dev` and `astro check`. Published pages come from Depesche's engine
// (src/lib/publish/engine/), which builds the same code with the same settings (astroSettings) as
// a server bundle and renders it with the paper's data; sitemaps and pictures are Depesche's too.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { createPictureMiddleware } from './src/lib/publish/picture-dev-server.ts';
import { astroSettings } from './src/lib/site/astro-settings.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const contentDir = process.env.DEPESCHE_CONTENT_DIR || 'content';

export default defineConfig({
  ...astroSettings,
  vite: {
    ...astroSettings.vite,
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
});
