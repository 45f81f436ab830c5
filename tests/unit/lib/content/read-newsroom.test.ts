import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNewsroom } from '../../../../src/lib/content/read-newsroom.ts';
import { projectRoot } from '../../../helpers/build-fixture.ts';

describe('readNewsroom', () => {
  it('reads a valid newsroom without errors, with every collection', async () => {
    const { records, problems } = await readNewsroom({ root: projectRoot, contentDir: 'tests/fixtures/basic/content' });
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(records?.articles.map((article) => article.slug).sort()).toEqual(['agentur', 'alt', 'amazon', 'debatte', 'entwurf', 'netz', 'sperrfrist']);
    expect(records?.sections.map((section) => section.id)).toEqual(['politik', 'wirtschaft']);
    expect(records?.authors.map((author) => author.id)).toEqual(['jbeispiel', 'tkleinz']);
    expect(records?.pages.map((page) => page.id)).toEqual(['unterstuetzen']);
    expect(records?.site.data.pageSize).toBe(2);
  });

  it('gives article file names relative to the project root and where the body starts', async () => {
    const { records } = await readNewsroom({ root: projectRoot, contentDir: path.join(projectRoot, 'tests/fixtures/basic/content') });
    const amazon = records?.articles.find((article) => article.slug === 'amazon');
    expect(amazon?.file).toBe('tests/fixtures/basic/content/articles/2010/amazon.md');
    expect(amazon?.bodyLine).toBe(22);
    expect(amazon?.format).toBe('Markdown');
  });

  it('returns every problem of a broken newsroom and no records', async () => {
    const { records, problems } = await readNewsroom({ root: projectRoot, contentDir: 'tests/fixtures/broken/content' });
    expect(records).toBeUndefined();
    // The committed corpus; the build test adds the cases made at run time (50 MB, binary, link loop).
    expect(problems.filter((problem) => problem.severity === 'error')).toHaveLength(57);
  });

  it('reports a missing content folder as missing settings and sections, not a crash', async () => {
    const { problems } = await readNewsroom({ root: projectRoot, contentDir: 'tests/fixtures/does-not-exist' });
    expect(problems.map((problem) => problem.message)).toEqual([
      'expected the site settings file (title, url, locale, timeZone …), found no such file',
      'expected the list of sections, found no such file',
    ]);
  });
});
