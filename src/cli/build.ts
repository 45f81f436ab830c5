/**
 * `npm run build`: builds the paper into a new release and publishes it by switching `dist` to it
 * in one step (see src/lib/publish/). Bad content is reported as one list of problems, without a
 * stack trace, and the published site stays as it was.
 *
 *   node src/cli/build.ts [--content <dir>] [--out <dir>] [--cache <dir>] [--keep <n>] [--quiet] [--fold-search]
 *
 * `--fold-search` folds the search index's delta part back into its calendar parts now, whatever
 * its size: for a nightly run (cron), so the day's articles are ranked with their year's.
 */
import path from 'node:path';
import { parseCommandLine } from './command-line.ts';
import { ContentProblemsError, formatProblemReport } from '../lib/content/problems.ts';
import { buildAndPublish, describeRelease } from '../lib/publish/build-and-publish.ts';

const { values } = parseCommandLine(
  {
    options: {
      content: { type: 'string' },
      out: { type: 'string', default: 'dist' },
      cache: { type: 'string', default: '.depesche/cache' },
      keep: { type: 'string', default: '5' },
      quiet: { type: 'boolean', default: false },
      'fold-search': { type: 'boolean', default: false },
    },
  },
  'npm run build -- [--content <dir>] [--out <dir>] [--cache <dir>] [--keep <n>] [--quiet] [--fold-search]',
);

const root = process.cwd();
if (values.content) process.env['DEPESCHE_CONTENT_DIR'] = path.resolve(root, values.content);
const keep = Number(values.keep);
if (!Number.isInteger(keep) || keep < 1) {
  console.error(`--keep must be a whole number of releases, at least 1, but it is "${values.keep}".`);
  process.exit(2);
}

const outDir = path.resolve(root, values.out);
try {
  const report = await buildAndPublish({
    root,
    contentDir: process.env['DEPESCHE_CONTENT_DIR'] ?? 'content',
    outDir,
    cacheDir: path.resolve(root, values.cache),
    keep,
    quiet: values.quiet,
    foldSearch: values['fold-search'],
  });
  console.log(`\n${describeRelease(report, path.relative(root, outDir) || '.')}`);
} catch (error) {
  if (error instanceof ContentProblemsError) {
    console.error(`\n${formatProblemReport(error.problems)}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`\nThe build failed: ${message}`);
    if (process.env['DEPESCHE_DEBUG']) console.error(error);
    else console.error('Nothing was published. Set DEPESCHE_DEBUG=1 to see where in the code this happened.');
  }
  process.exitCode = 1;
}
