/**
 * What a build publishes is valid: every HTML page passes html-validate (the committed
 * .htmlvalidate.json, no rule turned off) and no link or asset reference anywhere leads nowhere.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { HtmlValidate, FileSystemConfigLoader, formatterFactory } from 'html-validate';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFixture, projectRoot, type BuiltFixture } from '../helpers/build-fixture.ts';
import { findBrokenLinks } from '../helpers/check-links.ts';

const built: BuiltFixture[] = [];

afterAll(async () => {
  for (const site of built) await site.remove();
});

const sites = [
  { name: 'sample', origin: 'https://depesche.example' },
  { name: 'basic', origin: 'https://fixture.example' },
  { name: 'mixed', origin: 'https://gemischt.example' },
  { name: 'english', origin: 'https://dispatch.example' },
];

describe.each(sites)('the $name paper', ({ name, origin }) => {
  let site: BuiltFixture;

  it('builds', async () => {
    site = await buildFixture(name);
    built.push(site);
  });

  it('has only pages that pass html-validate', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const files = (await readdir(site.outDir, { recursive: true })).filter((file) => file.endsWith('.html'));
    expect(files.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const file of files) {
      const report = await validator.validateFile(path.join(site.outDir, file));
      if (!report.valid) failures.push(formatterFactory('text')(report.results).replaceAll(site.outDir, ''));
    }
    expect(failures.join('\n')).toBe('');
    // The rules are the recommended set, none switched off.
    expect(JSON.parse(await readFile(path.join(projectRoot, '.htmlvalidate.json'), 'utf8'))).toEqual({
      extends: ['html-validate:recommended'],
    });
  });

  it('has no broken internal link in pages, feeds, sitemaps or the text edition', async () => {
    expect(await findBrokenLinks(site.outDir, origin)).toEqual([]);
  });
});
