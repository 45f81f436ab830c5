import { describe, expect, it } from 'vitest';
import { getPaginationLinks, paginate, toPageParam } from '../../../../src/lib/site/pagination.ts';

describe('paginate', () => {
  it('splits a list into full pages and a last partial page', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2);
    expect(pages.map((page) => page.items)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pages.map((page) => page.page)).toEqual([1, 2, 3]);
    expect(pages.every((page) => page.totalPages === 3 && page.totalItems === 5)).toBe(true);
  });

  it('gives an empty list one empty page, so the list page still exists', () => {
    expect(paginate([], 20)).toEqual([{ page: 1, totalPages: 1, totalItems: 0, items: [] }]);
  });

  it('refuses a page size that is not a positive whole number', () => {
    expect(() => paginate([1], 0)).toThrow(RangeError);
    expect(() => paginate([1], 1.5)).toThrow(RangeError);
  });

  it('leaves the page parameter out for page 1', () => {
    expect(toPageParam(1)).toBeUndefined();
    expect(toPageParam(2)).toBe('2');
  });
});

describe('getPaginationLinks', () => {
  const url = (page: number): string => (page === 1 ? '/s/' : `/s/${page}/`);

  it('links first, last and the pages around the current one, with gaps', () => {
    const links = getPaginationLinks(10, 20, url);
    expect(links.pages.map((link) => link?.page ?? '…')).toEqual([1, '…', 8, 9, 10, 11, 12, '…', 20]);
    expect(links.pages.find((link) => link?.current)?.page).toBe(10);
    expect(links.previous).toBe('/s/9/');
    expect(links.next).toBe('/s/11/');
  });

  it('has no previous link on the first page and no next link on the last', () => {
    expect(getPaginationLinks(1, 3, url)).toMatchObject({ next: '/s/2/' });
    expect(getPaginationLinks(1, 3, url).previous).toBeUndefined();
    expect(getPaginationLinks(3, 3, url).next).toBeUndefined();
  });

  it('shows no gap where only neighbours are left out', () => {
    expect(getPaginationLinks(3, 5, url).pages.map((link) => link?.page)).toEqual([1, 2, 3, 4, 5]);
  });
});
