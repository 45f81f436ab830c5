import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPageList,
  createPageList,
  describePageList,
  type PlannedPage,
} from '../../../../../src/lib/publish/engine/page-list.ts';

const page = (pathname: string, key = 'k'): PlannedPage => ({
  pathname,
  file: `${pathname.slice(1)}index.html`,
  key,
  indexed: false,
});

describe('describePageList', () => {
  it('sends only the pages whose key changed, and no order when it is the same', () => {
    const base = createPageList(1, [page('/a/'), page('/b/'), page('/c/')]);
    const next = createPageList(2, [page('/a/'), page('/b/', 'neu'), page('/c/')]);
    const update = describePageList(next, base);
    expect(update).toEqual({ id: 2, base: 1, pages: [page('/b/', 'neu')], removed: [], order: undefined });
  });

  it('sends every page when the parent has no list to change', () => {
    const next = createPageList(1, [page('/a/'), page('/b/')]);
    expect(describePageList(next, undefined)).toEqual({ id: 1, pages: next.list, removed: [] });
  });
});

describe('applyPageList', () => {
  it('refuses a change to a list the parent does not have', () => {
    const base = createPageList(1, [page('/a/')]);
    const update = describePageList(createPageList(3, [page('/a/', 'neu')]), createPageList(2, [page('/a/')]));
    expect(() => applyPageList(update, base)).toThrow(/page list 2/);
  });

  it('makes, from the change, exactly the list the renderer has: pages changed, added, removed and moved', () => {
    const pathnames = fc.uniqueArray(fc.constantFrom('/a/', '/b/', '/c/', '/d/', '/e/', '/f/'), { maxLength: 6 });
    const list = fc.tuple(pathnames, fc.array(fc.constantFrom('1', '2'), { minLength: 6, maxLength: 6 }));
    fc.assert(
      fc.property(list, list, ([before, beforeKeys], [after, afterKeys]) => {
        const base = createPageList(
          1,
          before.map((pathname, index) => page(pathname, beforeKeys[index])),
        );
        const next = createPageList(
          2,
          after.map((pathname, index) => page(pathname, afterKeys[index])),
        );
        const applied = applyPageList(describePageList(next, base), base);
        expect(applied.list).toEqual(next.list);
        expect(applied.id).toBe(2);
      }),
      { numRuns: 300 },
    );
  });
});
