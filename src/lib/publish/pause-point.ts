/**
 * Named steps at which a build can be told to stop and wait, so a test (or someone chasing a bug)
 * can kill it at exactly that moment instead of guessing when it gets there:
 *
 *   DEPESCHE_PAUSE_AT=render-generated npm run build
 *   → Paused at step "render-generated" (process 4242). Send SIGUSR2 to go on: kill -USR2 4242
 *
 * Several steps may be named, separated by commas. The line goes to stderr, which `--quiet` keeps.
 * The process that pauses is the one doing the step: the build, or its renderer for the
 * `render-*` steps. A name that is not a step stops the build at once, so a typo cannot make a test
 * wait for a pause that never comes.
 */

/** In the order a build passes them. */
export const PAUSE_STEPS = [
  /** The build holds its locks; nothing is written yet. */
  'locked',
  /** An empty staging folder exists. */
  'staged',
  /** The site's code is compiled (or was already): the server bundle exists. */
  'code-built',
  /** A renderer (recorded in the locks) has loaded the content and the page graph; nothing is rendered. */
  'render-start',
  /** The renderer has written its first batch of pages, not yet told the build. */
  'render-generated',
  /** The staging folder holds every page rendered. */
  'rendered',
  /** The pictures' variants are in the staging folder (and the picture cache). */
  'pictures-written',
  /** Styles, scripts, public files and sitemaps are in, and every file is hashed. */
  'hashed',
  /** The search index is written (or taken over). */
  'search-indexed',
  /** `_headers`, `_redirects` and `nginx.conf` are written. */
  'hosting-written',
  /** Written text files are compressed, or their unchanged copies found in the published tree. */
  'compressed',
  /** The release's folders are in the folder store; the staging folder links to its root. */
  'assembled',
  /** The manifest is in the staging folder, which is not a release yet. */
  'manifest-written',
  /** The staging folder has become a release, not yet the published one. */
  'committed',
  /** The published path points at the new release. */
  'switched',
  /** Old releases are pruned; the locks are still held. */
  'pruned',
] as const;

export type PauseStep = (typeof PAUSE_STEPS)[number];

export const PAUSE_ENV = 'DEPESCHE_PAUSE_AT';
const RESUME_SIGNAL = 'SIGUSR2';

/** The steps named in DEPESCHE_PAUSE_AT; throws for a name that is not a step. */
export function readPauseSteps(env: NodeJS.ProcessEnv = process.env): ReadonlySet<PauseStep> {
  const names = (env[PAUSE_ENV] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(PAUSE_STEPS as readonly string[]).includes(name));
  if (unknown.length)
    throw new Error(
      `${PAUSE_ENV} names ${unknown.map((name) => `"${name}"`).join(', ')}, which is no step of a build; the steps are ${PAUSE_STEPS.join(', ')}.`,
    );
  return new Set(names as PauseStep[]);
}

/** The line printed on pausing: `Paused at step "<step>" (process <pid>)…`. */
export const PAUSE_LINE = /^Paused at step "([a-z-]+)" \(process (\d+)\)/m;

/**
 * Waits at `step` until SIGUSR2 arrives, if DEPESCHE_PAUSE_AT names it; returns at once otherwise.
 * The signal handler is in place before the line is printed, so a signal sent on reading the line
 * is never missed.
 */
export async function pauseAt(step: PauseStep, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!readPauseSteps(env).has(step)) return;
  await new Promise<void>((resolve) => {
    // A signal handler alone does not keep Node running.
    const keepAlive = setInterval(() => {}, 2 ** 30);
    process.once(RESUME_SIGNAL, () => {
      clearInterval(keepAlive);
      resolve();
    });
    process.stderr.write(
      `Paused at step "${step}" (process ${process.pid}). Send ${RESUME_SIGNAL} to go on: kill -USR2 ${process.pid}\n`,
    );
  });
}
