import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findImports, getReaderCodeHash, inventoryCode, STORED_CODE_ENTRIES } from '../../../../src/lib/content/reader-code-hash.ts';
import { projectRoot } from '../../../helpers/build-fixture.ts';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the reader-code hash', () => {
  it('covers the readers, schemas, formats, text parsers, Markdown pipeline and remark plugins, found from their imports', () => {
    const files = inventoryCode(STORED_CODE_ENTRIES).files.map((file) => path.relative(projectRoot, file).split(path.sep).join('/'));
    expect(files).toEqual(
      expect.arrayContaining([
        'src/lib/content/read-entry.ts',
        'src/lib/content/read-file.ts',
        'src/lib/content/front-matter.ts',
        'src/lib/content/validate-entry.ts',
        'src/lib/content/decode-text.ts',
        'src/lib/content/markdown.ts',
        'src/lib/content/render-body.ts',
        'src/lib/content/content-store.ts',
        'src/lib/content/formats/markdown.ts',
        'src/lib/content/formats/plain-text.ts',
        'src/lib/text/gopher-edition.ts',
        'src/lib/text/web-page-text.ts',
        'src/remark/remark-dateline.ts',
        'src/schemas/article.ts',
        'src/schemas/fields.ts',
        'src/schemas/site.ts',
      ]),
    );
    // What is checked across files every run is not stored, and does not make the store stale.
    expect(files).not.toContain('src/lib/content/check-newsroom.ts');
    expect(files).not.toContain('src/lib/content/read-newsroom.ts');
  });

  it('counts the parsing packages and what they depend on, by installed version', () => {
    const packages = inventoryCode(STORED_CODE_ENTRIES).packages;
    for (const name of ['yaml', 'gray-matter', 'unified', 'remark-parse', 'remark-gfm', 'rehype-sanitize', 'micromark', 'zod', 'astro']) {
      expect(packages.some((entry) => entry.startsWith(`${name}@`))).toBe(true);
    }
    // Astro counts by its version and the zod it re-exports, not by its bundler.
    expect(packages.some((entry) => entry.startsWith('vite@'))).toBe(false);
  });

  it('changes when any imported module changes, and not for a type-only import', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'depesche-code-hash-'));
    temporary.push(dir);
    mkdirSync(path.join(dir, 'parts'));
    writeFileSync(path.join(dir, 'entry.ts'), "import { a } from './parts/a.ts';\nimport type { T } from './parts/types.ts';\nexport const x = a;\n");
    writeFileSync(path.join(dir, 'parts/a.ts'), "export { b as a } from './b.ts';\n");
    writeFileSync(path.join(dir, 'parts/b.ts'), 'export const b = 1;\n');
    writeFileSync(path.join(dir, 'parts/types.ts'), 'export type T = number;\n');
    const before = inventoryCode([path.join(dir, 'entry.ts')]);
    expect(before.files.map((file) => path.relative(dir, file))).toEqual(['entry.ts', path.join('parts', 'a.ts'), path.join('parts', 'b.ts')]);
    writeFileSync(path.join(dir, 'parts/types.ts'), 'export type T = string;\n');
    expect(inventoryCode([path.join(dir, 'entry.ts')]).hash).toBe(before.hash);
    writeFileSync(path.join(dir, 'parts/b.ts'), 'export const b = 2;\n');
    expect(inventoryCode([path.join(dir, 'entry.ts')]).hash).not.toBe(before.hash);
  });

  it('finds static, re-exporting and dynamic imports, and skips type-only ones', () => {
    expect(
      findImports(
        [
          "import a from 'a';",
          "import { b, type C } from './b.ts';",
          "import type { D } from './d.ts';",
          "import './side-effect.ts';",
          "export * from './e.ts';",
          "export type { F } from './f.ts';",
          'import {\n  g,\n  h,\n} from "g";',
          "const i = await import('./i.ts');",
        ].join('\n'),
      ),
    ).toEqual(['a', './b.ts', './side-effect.ts', './e.ts', 'g', './i.ts']);
  });

  it('is computed once per process', () => {
    expect(getReaderCodeHash()).toBe(getReaderCodeHash());
    expect(getReaderCodeHash()).toMatch(/^[0-9a-f]{32}$/);
  });
});
