/**
 * The hash of the code that decides what the newsroom store keeps for a file: the per-file reader
 * (read-entry.ts), the body renderer (render-body.ts), the store's own format (content-store.ts),
 * and every module they import — schemas, formats, plain-text parsers, front matter, the Markdown
 * pipeline and its remark plugins — found by following their imports from these entry modules,
 * not from a list kept by hand. Packages count by name and installed version, with everything
 * they depend on, so an update of `yaml` or of a package deep under `remark-gfm` makes every
 * stored result stale, as does another Node.js (its V8 and ICU parse and normalise text too).
 *
 * Computed once per process, from the files as they are on disk when it first runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashBytes } from '../hash.ts';

/** The modules whose results the store keeps; what they import is found from them. */
export const STORED_CODE_ENTRIES: readonly string[] = ['read-entry.ts', 'render-body.ts', 'formats/index.ts', 'content-store.ts', 'line-map.ts'].map(
  (name) => fileURLToPath(new URL(name, import.meta.url)),
);

/**
 * Packages the reader imports only for what they re-export: counted by their own version and the
 * re-exported package's closure, not by their whole dependency tree (Astro's is 200 packages of
 * bundler and server, none of which reads a content file).
 */
const REEXPORTING_PACKAGES: Record<string, readonly string[]> = { astro: ['zod'] };

export interface CodeInventory {
  /** Local modules, absolute paths, sorted. */
  files: string[];
  /** Packages as `name@version`, sorted, with everything they depend on. */
  packages: string[];
  hash: string;
}

// `import x from 'y'`, `import { a } from 'y'`, `import 'y'`, `export * from 'y'`, `import('y')`.
// A statement that imports types only (`import type …`, `export type …`) brings no code.
const STATIC_IMPORT = /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?(?:[\w*${}\s,]*?\s+from\s+)?['"]([^'"\n]+)['"]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** The specifiers a module imports code from. */
export function findImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(STATIC_IMPORT)) if (!match[2]) found.push(match[3]!);
  for (const match of source.matchAll(DYNAMIC_IMPORT)) found.push(match[1]!);
  return found;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The folder of package `name` as Node resolves it from `fromDir`, or undefined. */
function findPackageDir(name: string, fromDir: string): string | undefined {
  // Joined by hand: path.join's normalising showed at a hundred packages' lookups.
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = `${dir.endsWith(path.sep) ? dir : dir + path.sep}node_modules${path.sep}${name}`;
    if (existsSync(`${candidate}${path.sep}package.json`)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function resolveLocal(specifier: string, fromFile: string): string | undefined {
  const target = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [target, `${target}.ts`, target.replace(/\.js$/, '.ts')]) {
    if (existsSync(candidate) && !candidate.endsWith('/')) return candidate;
  }
  return undefined;
}

/** Follows imports from `entries`: every local module and every package with its dependencies. */
export function inventoryCode(entries: readonly string[]): CodeInventory {
  const files = new Map<string, string>();
  const packages = new Set<string>();
  const packageDirs = new Set<string>();
  const pending = [...entries];
  /** Adds package `name` as Node resolves it from `fromDir`, with its dependencies; `optional` ones may be absent. */
  const addPackage = (name: string, fromDir: string, optional = false): void => {
    const dir = findPackageDir(name, fromDir);
    if (!dir) {
      if (!optional) packages.add(`${name}@missing`);
      return;
    }
    if (packageDirs.has(dir)) return;
    packageDirs.add(dir);
    const manifest = JSON.parse(readFileSync(`${dir}${path.sep}package.json`, 'utf8')) as {
      version?: string;
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    packages.add(`${name}@${manifest.version ?? 'unversioned'}`);
    const reexported = REEXPORTING_PACKAGES[name];
    if (reexported) {
      for (const dependency of reexported) addPackage(dependency, dir);
      return;
    }
    for (const dependency of Object.keys(manifest.dependencies ?? {})) addPackage(dependency, dir);
    // An optional or peer dependency that is not installed is not used either.
    for (const dependency of Object.keys({ ...manifest.optionalDependencies, ...manifest.peerDependencies })) addPackage(dependency, dir, true);
  };
  while (pending.length) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    const source = readFileSync(file, 'utf8');
    files.set(file, source);
    for (const specifier of findImports(source)) {
      if (specifier.startsWith('node:')) continue;
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const local = resolveLocal(specifier, file);
        if (local && !files.has(local)) pending.push(local);
      } else addPackage(packageName(specifier), path.dirname(file));
    }
  }
  const sortedFiles = [...files.keys()].sort();
  const sortedPackages = [...packages].sort();
  const common = commonDir(sortedFiles);
  const parts = [
    `node ${process.version} ${process.arch}`,
    ...sortedPackages,
    ...sortedFiles.flatMap((file) => [path.relative(common, file).split(path.sep).join('/'), hashBytes(files.get(file)!)]),
  ];
  return { files: sortedFiles, packages: sortedPackages, hash: hashBytes(parts.join('\n'), 32) };
}

function commonDir(files: readonly string[]): string {
  if (!files.length) return '/';
  let common = path.dirname(files[0]!);
  for (const file of files) while (!file.startsWith(`${common}${path.sep}`) && common !== path.dirname(common)) common = path.dirname(common);
  return common;
}

/** The module that reads pictures for the checks; what it gives is kept by the store per picture. */
export const PICTURE_CODE_ENTRIES: readonly string[] = [fileURLToPath(new URL('read-pictures.ts', import.meta.url))];

let cached: string | undefined;
let cachedPictures: string | undefined;

/** The hash of read-pictures.ts and what it imports (sharp and libvips among them): stored picture reads of other code are read again. */
export function getPictureReaderHash(): string {
  if (cachedPictures) return cachedPictures;
  if (PICTURE_CODE_ENTRIES.every((file) => existsSync(file))) cachedPictures = inventoryCode(PICTURE_CODE_ENTRIES).hash;
  else cachedPictures = hashBytes(`bundled pictures ${process.version}\n${readFileSync(fileURLToPath(import.meta.url), 'utf8')}`, 32);
  return cachedPictures;
}

/**
 * The reader-code hash of this process. When the reader's sources are not beside this module (it
 * was bundled), the bundle itself is hashed: any change to it makes the store stale, which is
 * safe.
 */
export function getReaderCodeHash(): string {
  if (cached) return cached;
  if (STORED_CODE_ENTRIES.every((file) => existsSync(file))) cached = inventoryCode(STORED_CODE_ENTRIES).hash;
  else cached = hashBytes(`bundled ${process.version}\n${readFileSync(fileURLToPath(import.meta.url), 'utf8')}`, 32);
  return cached;
}
