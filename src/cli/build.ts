/**
 * `npm run build`: builds the paper with Astro into a fresh folder, adds the search index, the
 * hosting files and precompressed copies, and only then puts it in place of `dist/`. Bad content is
 * reported as one list of problems, without a stack trace, and the published site stays as it was.
 *
 *   node src/cli/build.ts [--content <dir>] [--out <dir>] [--cache <dir>]
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'astro';
import { formatProblemReport, type ContentProblem } from '../lib/content/problems.ts';
import { resolveBuildTime } from '../lib/build-time.ts';
import { loadNewsroomFromFiles } from '../lib/content/load-newsroom.ts';
import { buildHeadersFile, buildNginxServer, buildRedirectsFile } from '../lib/hosting.ts';
import { precompressSite } from '../lib/precompress.ts';
import { writeSearchIndex } from '../lib/search-index.ts';

const { values } = parseArgs({
  options: {
    content: { type: 'string' },
    out: { type: 'string', default: 'dist' },
    cache: { type: 'string' },
  },
});

const root = process.cwd();
if (values.content) process.env['DEPESCHE_CONTENT_DIR'] = path.resolve(root, values.content);
const outDir = path.resolve(root, values.out);
const workDir = path.resolve(root, '.depesche');
const staging = path.join(workDir, `build-${process.pid}`);

/** Finds the loader's list of problems in whatever Astro wrapped it in. */
function findProblems(error: unknown): readonly ContentProblem[] | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 10; depth++) {
    const candidate = current as { name?: unknown; problems?: unknown; cause?: unknown };
    if (candidate.name === 'ContentProblemsError' && Array.isArray(candidate.problems))
      return candidate.problems as ContentProblem[];
    current = candidate.cause;
  }
  return undefined;
}

/** `_headers`, `_redirects` and an nginx server block for the published site, from its settings. */
async function writeHostingFiles(): Promise<void> {
  const newsroom = await loadNewsroomFromFiles(
    root,
    process.env['DEPESCHE_CONTENT_DIR'] ?? 'content',
    resolveBuildTime(process.env),
  );
  if (!newsroom) throw new Error('The content could not be read a second time for the hosting files.');
  const redirects = newsroom.articles.flatMap((article) => article.aliases.map((from) => ({ from, to: article.url })));
  const cache = newsroom.site.cache;
  await writeFile(path.join(staging, '_headers'), buildHeadersFile(cache));
  await writeFile(path.join(staging, '_redirects'), buildRedirectsFile(redirects));
  const nginx = buildNginxServer({
    root: outDir,
    listen: '80',
    serverName: new URL(newsroom.site.url).hostname,
    cache,
    redirects,
    brotli: true,
  });
  await writeFile(path.join(staging, 'nginx.conf'), nginx);
}

async function publish(): Promise<void> {
  // Two renames: the old site stays complete until the new one is fully written.
  const previous = path.join(workDir, `previous-${process.pid}`);
  if (existsSync(outDir)) await rename(outDir, previous);
  await rename(staging, outDir);
  await rm(previous, { recursive: true, force: true });
}

try {
  await mkdir(workDir, { recursive: true });
  // --cache keeps Astro's content store elsewhere than node_modules/.astro (the benchmark's runs).
  await build({ root, outDir: staging, ...(values.cache ? { cacheDir: path.resolve(root, values.cache) } : {}) });
  const search = await writeSearchIndex(staging);
  console.log(`Search index: ${search.indexed} articles (${search.languages.join(', ') || 'no language'})`);
  await writeHostingFiles();
  const compressed = await precompressSite(staging);
  console.log(
    `Precompressed ${compressed.files} files: ${(compressed.bytes / 1024).toFixed(0)} KB → ${(compressed.gzipBytes / 1024).toFixed(0)} KB gzip, ${(compressed.brotliBytes / 1024).toFixed(0)} KB brotli`,
  );
  await publish();
  console.log(`\nPublished to ${path.relative(root, outDir) || '.'}/`);
} catch (error) {
  await rm(staging, { recursive: true, force: true });
  const problems = findProblems(error);
  if (problems) {
    console.error(`\n${formatProblemReport(problems)}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`\nThe build failed: ${message}`);
    if (process.env['DEPESCHE_DEBUG']) console.error(error);
    else console.error('Nothing was published. Set DEPESCHE_DEBUG=1 to see where in the code this happened.');
  }
  process.exitCode = 1;
}
