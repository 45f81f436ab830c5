import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMPILE_CACHE_DIR } from '../../../src/lib/compile-cache.ts';

const PRELOAD = fileURLToPath(new URL('../../../src/cli/compile-cache.mjs', import.meta.url));

describe('the compile cache preload', () => {
  it('turns on the cache in the folder the renderers use', () => {
    const folder = execFileSync(
      process.execPath,
      ['--import', PRELOAD, '-e', "console.log(require('node:module').getCompileCacheDir())"],
      { encoding: 'utf8' },
    ).trim();
    // Node keeps a folder per version inside it.
    expect(path.dirname(folder)).toBe(COMPILE_CACHE_DIR);
  });
});
