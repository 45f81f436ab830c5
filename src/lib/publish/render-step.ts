/**
 * Astro's part of a build, run in a child process of its own. Astro keeps what it allocated after
 * `build()` returns — at 100,000 articles some 13 GB — although the steps after it (search index,
 * hashing, compression) need none of it; in a child process that memory is returned to the system
 * before Pagefind starts. The child answers with the few facts of the newsroom that the later steps
 * need, or with the content's problems.
 *
 * The child stops as soon as its parent is gone (a `kill -9` of the build): an orphan must not go
 * on writing into the staging folder or the cache that the next build uses.
 */
import { fork } from 'node:child_process';
import { createInterface } from 'node:readline';
import { build } from 'astro';
import { resolveBuildTime } from '../build-time.ts';
import { loadNewsroomFromFiles, openSharedNewsroom, takeSharedNewsroom } from '../content/load-newsroom.ts';
import type { ContentProblem } from '../content/problems.ts';
import type { CacheSettings, Redirect } from '../hosting.ts';

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
}

type RenderReply =
  | { ok: true; hosting: HostingFacts }
  | { ok: false; problems: ContentProblem[] }
  | { ok: false; message: string; stack: string | undefined };

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
 * Runs Astro's build in a child process. `onStart` receives the child's pid as soon as it exists,
 * so the caller can record it in its lock.
 */
export function renderInChild(request: RenderRequest, onStart: (pid: number) => Promise<void>): Promise<HostingFacts> {
  return new Promise((resolve, reject) => {
    const child = fork(import.meta.filename, [], {
      stdio: request.quiet ? ['inherit', 'pipe', 'inherit', 'ipc'] : 'inherit',
      serialization: 'advanced',
    });
    // Astro writes its warnings to stdout with its page list; quiet keeps only the warnings.
    if (child.stdout)
      createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
        if (/\[(WARN|ERROR)\]/.test(line)) console.log(line);
      });
    let reply: RenderReply | undefined;
    child.on('message', (message) => {
      reply = message as RenderReply;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (reply?.ok) resolve(reply.hosting);
      else if (reply && 'problems' in reply) reject(new ContentProblemsFound(reply.problems));
      else if (reply) reject(Object.assign(new Error(reply.message), { stack: reply.stack }));
      else
        reject(
          new Error(
            `Astro's build stopped before it finished (${signal ? `killed by ${signal}` : `exit code ${code}`}). ` +
              'If it was killed for memory, see "100,000 articles" in docs/performance.md for what a large paper needs.',
          ),
        );
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

async function render(request: RenderRequest): Promise<RenderReply> {
  openSharedNewsroom();
  try {
    await build({
      root: request.root,
      outDir: request.outDir,
      cacheDir: request.cacheDir,
      // Always "info": Astro compiles the log level into the bundle (virtual:astro:logger), where
      // it is part of every page's dependency hash, so a build at another level than the last
      // one would render every page again. --quiet filters the output instead.
      logLevel: 'info',
      force: request.force,
    });
  } catch (error) {
    const problems = findProblems(error);
    if (problems) return { ok: false, problems };
    const failure = error instanceof Error ? error : new Error(String(error));
    return { ok: false, message: failure.message, stack: failure.stack };
  }
  const newsroom =
    takeSharedNewsroom() ??
    (await loadNewsroomFromFiles(request.root, request.contentDir, resolveBuildTime(process.env)));
  if (!newsroom)
    return {
      ok: false,
      message: 'The content could not be read a second time for the hosting files.',
      stack: undefined,
    };
  return {
    ok: true,
    hosting: {
      siteUrl: newsroom.site.url,
      cache: newsroom.site.cache,
      redirects: newsroom.articles.flatMap((article) => article.aliases.map((from) => ({ from, to: article.url }))),
    },
  };
}

if (process.send && process.argv[1] === import.meta.filename) {
  // The parent is gone: stop at once rather than write into what the next build will use.
  process.on('disconnect', () => process.exit(1));
  process.once('message', (request: RenderRequest) => {
    void render(request).then((reply) => {
      // Astro leaves handles open after build(); the answer is all that is needed of this process.
      process.send?.(reply, () => process.exit(0));
    });
  });
}
