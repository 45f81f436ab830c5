/**
 * `npm run watch`: watches the content folder and public/, and after each burst of saves runs the
 * same build as `npm run build` — incremental, published in one step. A build with bad content
 * prints its problems and leaves the published site as it was; the next good save publishes.
 *
 *   node src/cli/watch.ts [--content <dir>] [--out <dir>] [--cache <dir>] [--keep <n>] [--debounce <ms>]
 *
 * Each build runs in a child process, so a build's memory is returned when it ends and a crash of
 * one build cannot take the watcher down.
 */
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import path from 'node:path';
import { parseCommandLine } from './command-line.ts';

const { values } = parseCommandLine(
  {
    options: {
      content: { type: 'string', default: process.env['DEPESCHE_CONTENT_DIR'] ?? 'content' },
      out: { type: 'string', default: 'dist' },
      cache: { type: 'string', default: '.depesche/cache' },
      keep: { type: 'string', default: '5' },
      debounce: { type: 'string', default: '150' },
    },
  },
  'npm run watch -- [--content <dir>] [--out <dir>] [--cache <dir>] [--keep <n>] [--debounce <ms>]',
);

const root = process.cwd();
const contentDir = path.resolve(root, values.content);
const watched = [contentDir, path.join(root, 'public')];
const debounceMs = Number(values.debounce);
const buildArgs = [
  path.join(import.meta.dirname, 'build.ts'),
  '--content',
  contentDir,
  '--out',
  values.out,
  '--cache',
  values.cache,
  '--keep',
  values.keep,
  '--quiet',
];

let timer: NodeJS.Timeout | undefined;
let running = false;
let pending = false;
/** When the first save of the burst that the coming build publishes happened. */
let firstSave: number | undefined;

function runBuild(): void {
  if (running) {
    pending = true;
    return;
  }
  running = true;
  const savedAt = firstSave ?? performance.now();
  firstSave = undefined;
  const child = spawn(process.execPath, buildArgs, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => {
    running = false;
    const seconds = ((performance.now() - savedAt) / 1000).toFixed(2);
    console.log(
      code === 0
        ? `[watch] published ${seconds} s after the save. Watching for changes…`
        : '[watch] nothing was published; the site stays as it was. Fix the problems above and save again.',
    );
    if (pending) {
      pending = false;
      runBuild();
    }
  });
}

/** Waits until saves stop for a moment: an editor's save, or a sync of many files, is one build. */
function onChange(): void {
  firstSave ??= performance.now();
  clearTimeout(timer);
  timer = setTimeout(runBuild, debounceMs);
}

for (const dir of watched) {
  try {
    watch(dir, { recursive: true }, onChange);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
console.log(
  `[watch] watching ${watched.map((dir) => path.relative(root, dir) || '.').join(', ')}; publishing to ${values.out}/`,
);
runBuild();
