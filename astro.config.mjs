// @ts-check
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { parse } from 'yaml';

// The published address comes from the paper's own settings, so canonical links need no second
// copy of it. A broken or missing site.yaml is reported by the content loader, with its line.
function readSiteUrl() {
  const contentDir = process.env.DEPESCHE_CONTENT_DIR || 'content';
  try {
    const root = fileURLToPath(new URL('.', import.meta.url));
    const settings = parse(readFileSync(path.resolve(root, contentDir, 'site.yaml'), 'utf8'));
    return typeof settings?.url === 'string' ? settings.url : undefined;
  } catch {
    return undefined;
  }
}

export default defineConfig({
  site: readSiteUrl(),
  trailingSlash: 'always',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
});
