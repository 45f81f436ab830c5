/**
 * The parent's side of renderer.ts: starts renderer processes, has them load the content, and
 * shares the pages to render among them in small batches, so two renderers keep both cores busy
 * on a cold build and one suffices for an edit. A renderer stops when its parent does.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { COMPILE_CACHE_DIR } from '../../compile-cache.ts';
import type { FileRecord } from '../manifest.ts';
import type { CodeBundle, RendererModule } from './code-bundle.ts';
import { applyPageList, type PageList, type PlannedPage } from './page-list.ts';
import type { LoadReply, LoadRequest, RendererReply, RenderReply } from './renderer.ts';

/** A renderer's answer to `load`, with its page list whole. */
export type LoadedSite = Omit<Extract<LoadReply, { ok: true }>, 'pages'> & { pages: PlannedPage[] };

export interface RendererHooks {
  /** The renderer's process exists: record it (in the build's locks). */
  onStart(pid: number): Promise<void>;
  /** It has ended. */
  onEnd(pid: number): Promise<void>;
}

/**
 * A renderer allocates a paper's worth of short-lived objects on each load (the newsroom, every
 * page's key): with a larger young generation fewer of them are copied before they die, which
 * took 0.3 s off a one-shot build at 10,000 articles (docs/performance.md). 64 MB did no better.
 */
const RENDERER_V8_FLAGS = ['--max-semi-space-size=32'];

/** One renderer process, answering one request at a time. */
export class Renderer {
  readonly #child: ChildProcess;
  readonly #ended: Promise<void>;
  #waiting: { resolve(reply: RendererReply): void; reject(error: Error): void } | undefined;
  #exit: Error | undefined;
  #bundleEntry: string | undefined;
  readonly pid: number;
  /** The code key its own module was bundled with; none when it runs from its sources. */
  readonly codeKey: string | undefined;

  private constructor(
    child: ChildProcess,
    module: RendererModule,
    bundleEntry: string | undefined,
    hooks: RendererHooks,
  ) {
    this.#child = child;
    this.#bundleEntry = bundleEntry;
    this.codeKey = module.codeKey;
    this.pid = child.pid ?? -1;
    child.on('message', (reply: RendererReply) => {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting?.resolve(reply);
    });
    this.#ended = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.#exit = new Error(
          `A renderer stopped (${signal ? `killed by ${signal}` : `exit code ${code}`}). If it was killed for memory, see "100,000 articles" in docs/performance.md.`,
        );
        this.#waiting?.reject(this.#exit);
        this.#waiting = undefined;
        const pid = child.pid;
        if (pid === undefined) resolve();
        else hooks.onEnd(pid).then(resolve, () => resolve());
      });
    });
  }

  /** Gives a renderer started without a bundle the one it is to load. */
  bind(bundleEntry: string): void {
    if (this.#bundleEntry !== undefined && this.#bundleEntry !== bundleEntry)
      throw new Error('A renderer holds one code bundle; start a new renderer for new code.');
    this.#bundleEntry = bundleEntry;
  }

  /** Whether it can render with `bundle`: it holds no other, and its own code is of the same key. */
  suits(bundle: CodeBundle): boolean {
    return (
      this.running &&
      (this.#bundleEntry === undefined || this.#bundleEntry === bundle.entry) &&
      (this.codeKey === undefined || this.codeKey === bundle.key)
    );
  }

  static async start(module: RendererModule, bundleEntry: string | undefined, hooks: RendererHooks): Promise<Renderer> {
    const entry = bundleEntry ?? module.bundleEntry;
    const child = fork(module.file, entry === undefined ? [] : [entry], {
      execArgv: [...process.execArgv, ...RENDERER_V8_FLAGS],
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
      env: { ...process.env, NODE_ENV: 'production', NODE_COMPILE_CACHE: COMPILE_CACHE_DIR },
    });
    const renderer = new Renderer(child, module, entry, hooks);
    if (child.pid === undefined) throw new Error('A renderer process could not be started.');
    try {
      await hooks.onStart(child.pid);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    return renderer;
  }

  get running(): boolean {
    return this.#exit === undefined;
  }

  #ask(message: object): Promise<RendererReply> {
    if (this.#exit) return Promise.reject(this.#exit);
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#child.send(message);
    });
  }

  async load(
    request: Omit<LoadRequest, 'type' | 'bundleEntry' | 'since'>,
  ): Promise<LoadedSite | Extract<LoadReply, { ok: false }>> {
    if (this.#bundleEntry === undefined) throw new Error('A renderer was asked to load before it was given a bundle.');
    const reply = await this.#ask({ type: 'load', bundleEntry: this.#bundleEntry, ...request, since: this.#sent?.id });
    if (reply.type === 'failed') throw reply.error;
    if (reply.type !== 'loaded') throw new Error(`A renderer answered "${reply.type}" to "load".`);
    if (!reply.ok) return reply;
    this.#sent = applyPageList(reply.pages, this.#sent);
    return { ...reply, pages: [...this.#sent.list] };
  }

  /** The page list the renderer sent last, whole. */
  #sent: PageList | undefined;

  async render(siteDir: string, pathnames: string[]): Promise<RenderReply['files']> {
    const reply = await this.#ask({ type: 'render', siteDir, pathnames });
    if (reply.type === 'failed') throw reply.error;
    if (reply.type !== 'rendered') throw new Error(`A renderer answered "${reply.type}" to "render".`);
    return reply.files;
  }

  /** Ends the process and waits until the locks have forgotten it. */
  async stop(): Promise<void> {
    if (!this.#exit) this.#child.kill('SIGTERM');
    await this.#ended;
  }
}

/** Batches small enough to share the work evenly, large enough that messages cost nothing. */
const BATCH = 50;

/**
 * Renders `pathnames` with every renderer, each taking the next batch when it is done with one.
 * `onProgress` hears the count rendered so far.
 */
export async function renderAll(
  renderers: readonly Renderer[],
  siteDir: string,
  pathnames: readonly string[],
  onProgress: (done: number) => void = () => {},
): Promise<Map<string, FileRecord>> {
  const files = new Map<string, FileRecord>();
  let next = 0;
  let done = 0;
  await Promise.all(
    renderers.map(async (renderer) => {
      while (next < pathnames.length) {
        const batch = pathnames.slice(next, (next += BATCH));
        for (const [file, record] of await renderer.render(siteDir, batch)) files.set(file, record);
        done += batch.length;
        onProgress(done);
      }
    }),
  );
  return files;
}

/**
 * Renderers kept between builds (`npm run watch`): the compiled code stays imported and each
 * build only loads the content again. New code means new renderers, since ES modules cannot be
 * unloaded. Each build records the renderers it uses in its own locks.
 */
export class RenderSession {
  #renderers: Renderer[] = [];
  #hooks: RendererHooks | undefined;

  readonly #relay: RendererHooks = {
    onStart: (pid) => this.#hooks?.onStart(pid) ?? Promise.resolve(),
    onEnd: (pid) => this.#hooks?.onEnd(pid) ?? Promise.resolve(),
  };

  /**
   * Starts a renderer before the site's bundle is known, recorded through this build's hooks:
   * its process starts and imports its code while the build reads the releases and checks the
   * code. `module` is the renderer for the code as it was when the build started
   * (code-bundle.ts, `locateRenderer`); if the code turns out to be other, `take` starts another.
   */
  async prestart(hooks: RendererHooks, module: RendererModule): Promise<void> {
    this.#hooks = hooks;
    if (this.#renderers.length === 0) this.#renderers.push(await Renderer.start(module, undefined, this.#relay));
  }

  /** `count` renderers of this bundle, started if need be, recorded through this build's hooks. */
  async take(bundle: CodeBundle, count: number, hooks: RendererHooks): Promise<Renderer[]> {
    if (!this.#renderers.every((renderer) => renderer.suits(bundle))) await this.close();
    // A renderer prestarted for this build is recorded already.
    const recorded = this.#hooks === hooks;
    this.#hooks = hooks;
    for (const renderer of this.#renderers.slice(0, count)) {
      renderer.bind(bundle.entry);
      if (!recorded) await hooks.onStart(renderer.pid);
    }
    while (this.#renderers.length < count)
      this.#renderers.push(await Renderer.start(bundle.renderer, bundle.entry, this.#relay));
    return this.#renderers.slice(0, count);
  }

  /** The build that took renderers is over: its locks forget them; they stay up for the next. */
  async release(): Promise<void> {
    const hooks = this.#hooks;
    this.#hooks = undefined;
    if (hooks) for (const renderer of this.#renderers) if (renderer.running) await hooks.onEnd(renderer.pid);
  }

  async close(): Promise<void> {
    await Promise.all(this.#renderers.splice(0).map((renderer) => renderer.stop()));
  }
}
