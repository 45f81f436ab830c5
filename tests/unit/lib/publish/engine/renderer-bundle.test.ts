import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { COMPILE_CACHE_DIR } from '../../../../../src/lib/compile-cache.ts';
import { getPictureReaderHash, getReaderCodeHash } from '../../../../../src/lib/content/reader-code-hash.ts';
import {
  bundleRenderer,
  canBundleRenderer,
  RENDERER_SOURCE,
} from '../../../../../src/lib/publish/engine/renderer-bundle.ts';

const SRC = path.resolve(import.meta.dirname, '../../../../../src');
// In the project, as the code bundles are: the bundle imports sharp from its node_modules.
await mkdir(path.join(SRC, '../.depesche'), { recursive: true });
const work = await mkdtemp(path.join(SRC, '../.depesche/test-renderer-bundle-'));
afterAll(() => rm(work, { recursive: true, force: true }));

describe('the renderer bundle', () => {
  it('keeps every module where its source is: the reader-code hash, picture hash and cache folder are those of the sources', async () => {
    // A stand-in entry that prints what the renderer's modules work out from their own location.
    const probe = path.join(work, 'probe.ts');
    await writeFile(
      probe,
      [
        `import { COMPILE_CACHE_DIR } from ${JSON.stringify(path.join(SRC, 'lib/compile-cache.ts'))};`,
        `import { getPictureReaderHash, getReaderCodeHash } from ${JSON.stringify(path.join(SRC, 'lib/content/reader-code-hash.ts'))};`,
        'console.log(JSON.stringify({ reader: getReaderCodeHash(), pictures: getPictureReaderHash(), cache: COMPILE_CACHE_DIR }));',
      ].join('\n'),
    );
    const out = path.join(work, 'probe.mjs');
    await bundleRenderer(out, probe);
    const printed = JSON.parse(execFileSync(process.execPath, [out], { encoding: 'utf8' })) as Record<string, string>;
    expect(printed).toEqual({
      reader: getReaderCodeHash(),
      pictures: getPictureReaderHash(),
      cache: COMPILE_CACHE_DIR,
    });
  });

  it('holds the renderer in one file: loading it loads no module from src/', async () => {
    const out = path.join(work, 'renderer.mjs');
    await bundleRenderer(out);
    // Node itself reports every module it loads.
    const hooks = path.join(work, 'record-loads.mjs');
    await writeFile(
      hooks,
      "import { registerHooks } from 'node:module';\n" +
        'registerHooks({ load(url, context, next) { process.stdout.write(url + "\\n"); return next(url, context); } });\n',
    );
    const loaded = execFileSync(process.execPath, ['--import', pathToFileURL(hooks).href, out], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    expect(loaded).toContain(pathToFileURL(out).href);
    expect(loaded.filter((url) => url.startsWith(pathToFileURL(SRC).href))).toEqual([]);
  });

  it('is made only for a project whose src/ holds the renderer, so that the code key covers it', () => {
    expect(canBundleRenderer(path.dirname(SRC))).toBe(true);
    expect(canBundleRenderer(work)).toBe(false);
    expect(RENDERER_SOURCE.startsWith(SRC)).toBe(true);
  });
});
