/**
 * Astro's part of a build, run in a child process of its own. Astro keeps what it allocated after
 * `build()` returns — at 100,000 articles some 13 GB — although the steps after it (search index,
 * hashing, compression) need none of it; in a child process that memory is returned to the system
 * before Pagefind starts. The child answers with the few facts of the newsroom that the later steps
 * need (the hosting files' settings, the pictures the pages show), or with the content's problems.
 *
 * This module is the parent's side and does not load Astro; render-child.ts is the child's.
 * The child stops as soon as its parent is gone (a `kill -9` of the build): an orphan must not go
 * on writing into the staging folder or the cache that the next build uses.
 */
import { fork } from 'node:child_process';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';
import path from 'node:path';
import type { ContentProblem } from '../content/problems.ts';
import type { SitePicture } from '../site/pictures.ts';
import type { CacheSettings, Redirect } from './hosting.ts';

export interface RenderRequest {
  root: string;
  contentDir: string;
  outDir: string;
  cacheDir: string;
  /** Show only Astro's warnings and errors, not every page it writes. */
  quiet: boolean;
  /** Render every page, ignoring the incremental cache. */
  force: boolean;
}

/** What the steps after rendering need to know of the newsroom: for the hosting files. */
export interface HostingFacts {
  siteUrl: string;
  cache: CacheSettings;
  redirects: Redirect[];
  /** nginx.conf says `brotli_static on` (site.yaml `nginx.brotliStatic`). */
  brotliStatic: boolean;
}

/** What the render step answers with. */
export interface RenderResult {
  hosting: HostingFacts;
  /** The pictures the rendered pages show, with their variants: for the picture step. */
  pictures: SitePicture[];
}

export type RenderReply =
  | ({ ok: true } & RenderResult)
  | { ok: false; problems: ContentProblem[] }
  /** Any other failure; the Error crosses the process boundary whole (name, message, stack, cause). */
  | { ok: false; error: Error };

/** Thrown in the parent when the content has problems; nothing was rendered. */
export class ContentProblemsFound extends Error {
  readonly problems: readonly ContentProblem[];
  constructor(problems: readonly ContentProblem[]) {
    super(`${problems.length} problem(s) in the content.`);
    this.problems = problems;
    this.name = 'ContentProblemsFound';
  }
}

/** Finds the loader's list of problems in whatever Astro wrapped it in. */
export function findProblems(error: unknown): ContentProblem[] | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 10; depth++) {
    const candidate = current as { name?: unknown; problems?: unknown; cause?: unknown };
    if (candidate.name === 'ContentProblemsError' && Array.isArray(candidate.problems))
      return candidate.problems as ContentProblem[];
    current = candidate.cause;
  }
  return undefined;
}

/**
 * What `--quiet` keeps of Astro's output: its warnings and errors, not its page list. A warning's
 * further lines (a stack, Vite's detail) have no time stamp and go with it. Colour codes (on a
 * terminal, or with FORCE_COLOR in CI) are looked through, not matched.
 */
export function createQuietFilter(): (line: string) => boolean {
  let showing = false;
  return (line) => {
    const plain = stripVTControlCharacters(line);
    if (/^\d\d:\d\d:\d\d /.test(plain)) showing = /\[(WARN|ERROR)\]/.test(plain);
    return showing;
  };
}

/**
 * Runs Astro's build in a child process. `onStart` receives the child's pid as soon as it exists,
 * so the caller can record it in its locks, and `onEnd` once it has ended.
 */
export function renderInChild(
  request: RenderRequest,
  onStart: (pid: number) => Promise<void>,
  onEnd: (pid: number) => Promise<void>,
): Promise<RenderResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, 'render-child.ts'), [], {
      stdio: request.quiet ? ['inherit', 'pipe', 'inherit', 'ipc'] : 'inherit',
      serialization: 'advanced',
    });
    if (child.stdout) {
      const keep = createQuietFilter();
      createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
        if (keep(line)) console.log(line);
      });
    }
    let reply: RenderReply | undefined;
    child.on('message', (message) => {
      reply = message as RenderReply;
    });
    child.on('error', reject);
    // 'close', not 'exit': it comes after the child's output has been read to the end.
    child.on('close', (code, signal) => {
      const settle = (): void => {
        if (reply?.ok) resolve({ hosting: reply.hosting, pictures: reply.pictures });
        else if (reply && 'problems' in reply) reject(new ContentProblemsFound(reply.problems));
        else if (reply) reject(reply.error);
        else
          reject(
            new Error(
              `Astro's build stopped before it finished (${signal ? `killed by ${signal}` : `exit code ${code}`}). ` +
                'If it was killed for memory, see "100,000 articles" in docs/performance.md for what a large paper needs.',
            ),
          );
      };
      // The locks forget the child before the build goes on to release them.
      if (child.pid === undefined) settle();
      else onEnd(child.pid).then(settle, settle);
    });
    if (child.pid === undefined) return;
    onStart(child.pid).then(
      () => child.send(request),
      (error: unknown) => {
        child.kill('SIGKILL');
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
