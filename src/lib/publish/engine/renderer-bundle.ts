/**
 * The renderer's own code (renderer.ts: the content reader, the page graph, the sitemaps) in one
 * file, built with the site's code and kept beside it (code-bundle.ts). Run from its sources the
 * renderer imports some 700 modules, and resolving and loading them is most of its 0.8 s start;
 * from one file it starts in about 0.3 s, and a one-shot build waits for its renderer.
 *
 * The bundle is made from the very `src/` the code key hashes, so it is never staler than the
 * site's bundle it is kept with. Every module keeps its own location: `import.meta.url` and
 * `import.meta.dirname` are those of its source file, so the reader-code hash still hashes the
 * reader's sources (a bundle of its own would make every stored entry stale with each code
 * change) and the paths a module finds beside itself are those it finds run from source.
 * Packages with native code (sharp) stay outside, imported from node_modules.
 */
import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The renderer run from its sources: when there is no bundle, or Depesche's code is not the project's. */
export const RENDERER_SOURCE = path.join(import.meta.dirname, 'renderer.ts');

/** The project folder whose `src/` holds the renderer's sources. */
const RENDERER_PROJECT = path.resolve(import.meta.dirname, '../../../..');

/** Packages loaded from node_modules, not bundled: they load native code from beside themselves. */
const EXTERNAL_PACKAGES = ['sharp'];

/**
 * Whether a bundle of the renderer can be kept with the site's code of `root`: only when the
 * renderer's sources are in that project's `src/`, so that the code key covers them.
 */
export function canBundleRenderer(root: string): boolean {
  return path.resolve(root) === RENDERER_PROJECT;
}

/** `import.meta.url`, `.dirname` and `.filename` of a module, as literals of its source file. */
function keepModuleLocation(): Plugin {
  return {
    name: 'depesche-keep-module-location',
    setup(builder) {
      builder.onLoad({ filter: /\.[cm]?ts$/ }, async ({ path: file }) => {
        if (file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = await readFile(file, 'utf8');
        const contents = source
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href))
          .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(file)))
          .replaceAll('import.meta.filename', JSON.stringify(file));
        return { contents, loader: 'ts' };
      });
    },
  };
}

/** Writes the renderer (or another `entry`, for a test) as one ES module at `outFile`. */
export async function bundleRenderer(outFile: string, entry = RENDERER_SOURCE): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    external: EXTERNAL_PACKAGES,
    // Bundled CommonJS packages call `require` for Node's own modules.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    plugins: [keepModuleLocation()],
    logLevel: 'error',
    legalComments: 'none',
  });
}
