/**
 * Builds a fixture newsroom with Depesche's engine (renderSite: the compiled code, every page
 * rendered through Astro's renderer, the pictures' variants made with sharp) into a temporary
 * folder, as the site folder of a release before the search index and hosting files are added,
 * and loads its pages with cheerio. One build per test file.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, type CheerioAPI } from 'cheerio';
import { renderSite } from '../../src/lib/publish/engine/render-site.ts';

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
  /** Removes the build output and its picture cache; call it in `afterAll`. */
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
  // The renderers are child processes: vitest's NODE_ENV=test and DEV/PROD/MODE must not reach them.
  process.env['NODE_ENV'] = 'production';
  for (const name of VITEST_ENV) delete process.env[name];
  const cacheDir = `${outDir}-cache`;
  try {
    await renderSite({
      root: projectRoot,
      contentDir,
      siteDir: outDir,
      cacheDir,
      now: new Date(now),
      quiet: true,
      log: () => {},
    });
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
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
