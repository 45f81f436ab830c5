/**
 * Builds a fixture newsroom with Astro's programmatic `build()` into a temporary folder, puts the
 * pictures' variants in as `npm run build` does (Astro no longer makes them), and loads its pages
 * with cheerio. One build per test file.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';
import { load, type CheerioAPI } from 'cheerio';
import { loadNewsroomFromFiles } from '../../src/lib/content/load-newsroom.ts';
import { writePictures } from '../../src/lib/publish/picture-files.ts';
import { acquireLock } from '../../src/lib/publish/release-store.ts';
import { listSitePictures } from '../../src/lib/site/pictures.ts';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** What vitest adds to process.env, and Astro's server build would read as import.meta.env. */
const VITEST_ENV = ['DEV', 'PROD', 'MODE'];

/** The environment without what vitest adds, as a shell would start `npm run build`. */
export function getBuildEnv(): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !VITEST_ENV.includes(name))),
    NODE_ENV: 'production',
  };
}

export interface BuiltFixture {
  outDir: string;
  /** Parsed HTML of a page by its URL path, e.g. "/2010/12/13/amazon/". */
  page(urlPath: string): Promise<CheerioAPI>;
  exists(urlPath: string): Promise<boolean>;
  /** Removes the build output and its cache; call it in `afterAll`. */
  remove(): Promise<void>;
}

function toFile(outDir: string, urlPath: string): string {
  const clean = urlPath.replace(/^\//, '');
  return path.join(outDir, clean.endsWith('.html') ? clean : path.join(clean, 'index.html'));
}

export async function buildFixture(name: string, now = '2026-11-20T12:00:00+01:00'): Promise<BuiltFixture> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), `depesche-${path.basename(name)}-`));
  // An absolute path is a content folder; 'sample' is the bundled paper in content/; any other
  // name a fixture under tests/fixtures/.
  const contentDir = path.isAbsolute(name)
    ? name
    : name === 'sample'
      ? path.join(projectRoot, 'content')
      : path.join(projectRoot, 'tests/fixtures', name, 'content');
  process.env['DEPESCHE_CONTENT_DIR'] = contentDir;
  process.env['DEPESCHE_NOW'] = now;
  // vitest exports NODE_ENV=test and DEV/PROD/MODE into process.env, and Astro's server build
  // reads import.meta.env through process.env: clear them so the build is the production one.
  process.env['NODE_ENV'] = 'production';
  for (const name of VITEST_ENV) delete process.env[name];
  const cacheDir = `${outDir}-cache`;
  // Astro writes into the project's .astro/ whatever it builds; like `npm run build`, a fixture
  // build holds the project's lock, so a watch or bench running in this checkout is refused
  // loudly rather than having its .astro/ rewritten under it (every page would render again).
  const lock = await acquireLock(path.join(projectRoot, '.astro', 'depesche-build.lock')).catch(
    async (error: unknown) => {
      await rm(outDir, { recursive: true, force: true });
      throw error;
    },
  );
  try {
    await build({ root: projectRoot, outDir, logLevel: 'warn', cacheDir });
    const newsroom = await loadNewsroomFromFiles(projectRoot, contentDir, new Date(now));
    if (!newsroom) throw new Error(`The fixture ${name} built, but its content could not be read again.`);
    await writePictures(outDir, listSitePictures(newsroom, contentDir), cacheDir);
  } finally {
    await lock.release();
  }
  return {
    outDir,
    page: async (urlPath) => load(await readFile(toFile(outDir, urlPath), 'utf8')),
    exists: async (urlPath) =>
      readFile(toFile(outDir, urlPath)).then(
        () => true,
        () => false,
      ),
    remove: async () => {
      await rm(outDir, { recursive: true, force: true });
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}
