import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parsePageGraph,
  planPages,
  writePageGraph,
  type PageGraph,
} from '../../../../../src/lib/publish/engine/page-plan.ts';

const graphOf = (pages: Record<string, string>, codeKey = 'code'): PageGraph => ({
  version: 1,
  codeKey,
  pages: new Map(Object.entries(pages)),
  rendered: [],
});

describe('planPages', () => {
  it('renders the pages whose key changed and the new ones, and names the pages gone', () => {
    const previous = graphOf({ 'a.html': '1', 'b.html': '1', 'gone.html': '1' });
    const pages = [
      { file: 'a.html', key: '1' },
      { file: 'b.html', key: '2' },
      { file: 'new.html', key: '1' },
    ];
    const plan = planPages(pages, 'code', previous);
    expect(plan.render.map((page) => page.file)).toEqual(['b.html', 'new.html']);
    expect(plan.kept).toBe(1);
    expect(plan.removed).toEqual(['gone.html']);
  });

  it('renders every page when the code changed, and still names the pages gone', () => {
    const previous = graphOf({ 'a.html': '1', 'gone.html': '1' }, 'old code');
    const plan = planPages([{ file: 'a.html', key: '1' }], 'code', previous);
    expect(plan.render.map((page) => page.file)).toEqual(['a.html']);
    expect(plan.kept).toBe(0);
    expect(plan.removed).toEqual(['gone.html']);
  });

  it('finds a removal even when as many pages were added as were removed', () => {
    const previous = graphOf({ 'a.html': '1', 'b.html': '1' });
    const plan = planPages(
      [
        { file: 'a.html', key: '1' },
        { file: 'c.html', key: '1' },
      ],
      'code',
      previous,
    );
    expect(plan.removed).toEqual(['b.html']);
  });
});

describe('writePageGraph', () => {
  it('writes what JSON.stringify writes of the record, which parsePageGraph reads back', () => {
    const file = fc.stringMatching(/^[a-zäöü"\\/]{1,8}\.html$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ file, key: fc.string() }), { selector: (page) => page.file, maxLength: 20 }),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.option(fc.dictionary(fc.string(), fc.string()), { nil: undefined }),
        (pages, extras, sitemaps) => {
          const facts = {
            version: 1 as const,
            codeKey: 'c"ode',
            rendered: pages.map((page) => page.file),
            extras,
            ...(sitemaps ? { sitemaps } : {}),
          };
          const text = writePageGraph(facts, pages);
          const record = { ...facts, pages: Object.fromEntries(pages.map((page) => [page.file, page.key])) };
          const { version, codeKey, pages: recorded, ...rest } = record;
          expect(text).toBe(JSON.stringify({ version, codeKey, pages: recorded, ...rest }));
          const parsed = parsePageGraph(text);
          expect(parsed && Object.fromEntries(parsed.pages)).toEqual(recorded);
          expect(parsed?.rendered).toEqual(facts.rendered);
        },
      ),
    );
  });

  it('writes a long list again, a page replaced, added or removed, as JSON.stringify writes it', () => {
    const facts = { version: 1 as const, codeKey: 'code', rendered: [] };
    const expected = (pages: ReadonlyArray<{ file: string; key: string }>): string =>
      JSON.stringify({ ...facts, pages: Object.fromEntries(pages.map((page) => [page.file, page.key])) }).replace(
        /,"rendered":\[\](,"pages":.*)}$/,
        '$1,"rendered":[]}',
      );
    let pages = Array.from({ length: 2000 }, (_, index) => ({ file: `p${index}.html`, key: `k${index}` }));
    expect(writePageGraph(facts, pages)).toBe(expected(pages));
    pages = pages.map((page, index) => (index === 1500 ? { file: page.file, key: 'changed' } : page));
    expect(writePageGraph(facts, pages)).toBe(expected(pages));
    pages = [...pages.slice(0, 700), { file: 'new.html', key: 'new' }, ...pages.slice(700)];
    expect(writePageGraph(facts, pages)).toBe(expected(pages));
    pages = pages.filter((_, index) => index !== 3);
    expect(writePageGraph(facts, pages)).toBe(expected(pages));
  });

  it('writes a page object that is written again, its key unchanged, as before', () => {
    const page = { file: 'a.html', key: '1' };
    const facts = { version: 1 as const, codeKey: 'code', rendered: [] };
    expect(writePageGraph(facts, [page])).toBe(writePageGraph(facts, [{ ...page }]));
  });
});
