/**
 * The Astro settings every way of running the site shares: `astro dev` and `astro check` (through
 * astro.config.mjs) and the publishing engine's code build (lib/publish/engine/code-bundle.ts).
 * They shape the rendered HTML, so one copy keeps a dev page and a published page alike.
 */
export const astroSettings = {
  trailingSlash: 'always',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  // The search page's script stays a file of its own, so a Content-Security-Policy can forbid inline scripts.
  vite: { build: { assetsInlineLimit: 0 } },
} as const;
