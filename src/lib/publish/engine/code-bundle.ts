/**
 * The site's code, built once per change of code: Astro compiles pages, components, layouts, CSS
 * and the search script into a server bundle (`output: 'server'`, a local adapter whose entry is
 * server-entry.ts), against a stub content folder, never the paper. The renderer imports the
 * bundle and renders chosen pages with `app.render()`; content reaches pages as data, through
 * `Astro.locals` (src/data/page-data.ts).
 *
 *   .depesche/code/<key>/server/entry.mjs   the bundle the renderer imports
 *   .depesche/code/<key>/client/            `_astro/` styles and scripts and `public/`: in every release
 *   .depesche/code/<key>/renderer.mjs       the renderer's own code in one file (renderer-bundle.ts)
 *   .depesche/code/<key>/complete.json      written last: a bundle without it is rebuilt
 *
 * The key hashes everything that goes into the bundle: `src/`, `public/` (Astro copies it into the
 * client output), the lockfile (package versions) and tsconfig.json. Bundles live beside the project, not in a build's --cache, so fixture builds
 * and benches with caches of their own share one compiled copy of the same code.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashBytes } from '../../hash.ts';
import { listFilesBelow } from '../../paths.ts';
import { acquireLock } from '../release-store.ts';
import { bundleRenderer, canBundleRenderer, RENDERER_SOURCE } from './renderer-bundle.ts';

/** Raise when what the bundle is built with changes in a way the hashed files do not show. */
const BUNDLE_VERSION = 2;

/**
 * The module a renderer process runs, and the code key it was bundled with: a bundled renderer
 * goes with that key's site bundle only; one run from its sources (no key) goes with any.
 */
export interface RendererModule {
  file: string;
  codeKey: string | undefined;
  /** The server entry of the bundle it goes with, when that is built: imported as it starts. */
  bundleEntry: string | undefined;
}

export interface CodeBundle {
  key: string;
  /** The server entry, to `import()`. */
  entry: string;
  /** Astro's client output: `_astro/` styles and scripts. */
  clientDir: string;
  /** The renderer to run with it. */
  renderer: RendererModule;
}

/** Sent to build-code-child.ts. */
export interface CodeBuildRequest {
  root: string;
  outDir: string;
  cacheDir: string;
  stubContentDir: string;
}

export function resolveCodeRoot(root: string): string {
  return path.join(root, '.depesche', 'code');
}

/**
 * Each code file's hash with the stat it was taken at: `npm run watch` works out the code key for
 * every publish, and a file whose stat is unchanged is not read again. A file changed within the
 * last seconds may change again within the same mtime tick, so it is not remembered (as the
 * newsroom store does with content files).
 */
const codeHashes = new Map<string, { stat: string; hash: string }>();
const RACY_MS = 2000;

async function hashCodeFile(file: string): Promise<string | undefined> {
  const info = await stat(file).catch(() => undefined);
  if (!info) return undefined;
  const identity = `${info.size} ${info.mtimeMs} ${info.ctimeMs} ${info.ino}`;
  const known = codeHashes.get(file);
  if (known?.stat === identity) return known.hash;
  const hash = hashBytes(await readFile(file));
  if (Date.now() - Math.max(info.mtimeMs, info.ctimeMs) > RACY_MS) codeHashes.set(file, { stat: identity, hash });
  else codeHashes.delete(file);
  return hash;
}

/** The hash of every file the bundle is built from. */
export async function computeCodeKey(root: string): Promise<string> {
  const parts: string[] = [String(BUNDLE_VERSION)];
  for (const folder of ['src', 'public']) {
    const dir = path.join(root, folder);
    const files = await listFilesBelow(dir).catch(() => [] as string[]);
    const hashes = await Promise.all(files.map((file) => hashCodeFile(path.join(dir, file))));
    for (const [index, file] of files.entries()) {
      const hash = hashes[index];
      if (hash === undefined) throw new Error(`${folder}/${file} went away while the code key was worked out.`);
      parts.push(`${folder}/${file}`, hash);
    }
  }
  for (const file of ['package-lock.json', 'tsconfig.json'])
    parts.push(file, (await hashCodeFile(path.join(root, file))) ?? 'none');
  return hashBytes(parts.join('\n'), 16);
}

/**
 * The smallest paper the content layer accepts: the bundle must not hold the real paper, which
 * reaches pages as data at render time.
 */
const STUB_CONTENT: Record<string, string> = {
  'site.yaml': 'title: Stub\nurl: https://stub.invalid\nlocale: de-DE\ntimeZone: Europe/Berlin\n',
  'sections.yaml': '- id: stub\n  name: Stub\n',
};

function describeBundle(root: string, key: string): CodeBundle {
  const dir = path.join(resolveCodeRoot(root), key);
  const entry = path.join(dir, 'server', 'entry.mjs');
  return {
    key,
    entry,
    clientDir: path.join(dir, 'client'),
    renderer: canBundleRenderer(root)
      ? { file: path.join(dir, 'renderer.mjs'), codeKey: key, bundleEntry: entry }
      : { file: RENDERER_SOURCE, codeKey: undefined, bundleEntry: entry },
  };
}

/**
 * The renderer for the code as it is now, before the code is checked or built: the one bundled
 * with it when it was built, else the renderer's sources. `key` is the code key (computeCodeKey).
 */
export function locateRenderer(root: string, key: string): RendererModule {
  return existsSync(findCompleteMarker(root, key))
    ? describeBundle(root, key).renderer
    : { file: RENDERER_SOURCE, codeKey: undefined, bundleEntry: undefined };
}

/** Written last into a bundle's folder: a bundle without it is rebuilt. */
function findCompleteMarker(root: string, key: string): string {
  return path.join(resolveCodeRoot(root), key, 'complete.json');
}

/**
 * The bundle for the code as it is now: built if there is none, otherwise the one built before.
 * `known` is the code key, when the build has worked it out already. Code that changes while it
 * is compiled is compiled again, under its new key.
 */
export async function ensureCodeBundle(
  root: string,
  onBuild: (key: string) => void = () => {},
  known?: string,
): Promise<CodeBundle & { built: boolean }> {
  const key = known ?? (await computeCodeKey(root));
  const bundle = describeBundle(root, key);
  const codeRoot = resolveCodeRoot(root);
  const marker = findCompleteMarker(root, key);
  if (existsSync(marker)) return { ...bundle, built: false };
  await mkdir(codeRoot, { recursive: true });
  // Two builds of the same project (a test beside a watch) wait for one compile, not race two.
  const lock = await acquireLock(path.join(codeRoot, '.lock'));
  try {
    if (existsSync(marker)) return { ...bundle, built: false };
    onBuild(key);
    const outDir = path.join(codeRoot, key);
    await rm(outDir, { recursive: true, force: true });
    const stubContentDir = path.join(codeRoot, 'stub-content');
    await mkdir(stubContentDir, { recursive: true });
    for (const [file, text] of Object.entries(STUB_CONTENT)) await writeFile(path.join(stubContentDir, file), text);
    await runCodeBuild({ root, outDir, cacheDir: path.join(codeRoot, 'astro-cache'), stubContentDir });
    if (!existsSync(bundle.entry)) throw new Error(`Astro's code build wrote no server entry at ${bundle.entry}.`);
    if (bundle.renderer.codeKey !== undefined) await bundleRenderer(bundle.renderer.file);
    // A file saved while Astro read the code would be in a bundle kept under the key of the code
    // before it, and served if the code ever went back to that: such a bundle is not kept.
    if ((await computeCodeKey(root)) === key) {
      await writeFile(marker, `${JSON.stringify({ key, builtAt: new Date().toISOString() })}\n`);
      await pruneBundles(codeRoot, key);
      return { ...bundle, built: true };
    }
    await rm(outDir, { recursive: true, force: true });
  } finally {
    await lock.release();
  }
  return ensureCodeBundle(root, onBuild);
}

/** Keeps the newest bundle and the one before it: a watch started on older code may still use it. */
async function pruneBundles(codeRoot: string, keep: string): Promise<void> {
  const { readdir, stat } = await import('node:fs/promises');
  const entries = await readdir(codeRoot, { withFileTypes: true });
  const bundles: Array<{ name: string; time: number }> = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !/^[0-9a-f]{16}$/.test(entry.name) || entry.name === keep) continue;
    const info = await stat(path.join(codeRoot, entry.name)).catch(() => undefined);
    if (info) bundles.push({ name: entry.name, time: info.mtimeMs });
  }
  bundles.sort((a, b) => b.time - a.time);
  for (const old of bundles.slice(1)) await rm(path.join(codeRoot, old.name), { recursive: true, force: true });
}

/** Astro's build in a child process: Vite's memory is returned when it ends. */
function runCodeBuild(request: CodeBuildRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, 'build-code-child.ts'), [], {
      stdio: ['inherit', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
      env: { ...process.env, NODE_ENV: 'production', DEPESCHE_CONTENT_DIR: request.stubContentDir },
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let reply: { ok: true } | { ok: false; error: Error } | undefined;
    child.on('message', (message) => (reply = message as typeof reply));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (reply?.ok) resolve();
      else
        reject(
          new Error(
            `Astro could not build the site's code (${reply && !reply.ok ? reply.error.message : signal ? `killed by ${signal}` : `exit code ${code}`}).${output ? `\n${output.trim()}` : ''}`,
          ),
        );
    });
    child.send(request);
  });
}
