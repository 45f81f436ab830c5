/** Splitting long lists into numbered pages, and the links between them. */

export interface PageSlice<T> {
  /** 1-based page number. */
  page: number;
  totalPages: number;
  totalItems: number;
  items: T[];
}

/** Splits `items` into pages of `pageSize`; an empty list still yields one (empty) page. */
export function paginate<T>(items: readonly T[], pageSize: number): PageSlice<T>[] {
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new RangeError(`page size must be a positive whole number, got ${pageSize}`);
  const totalPages = Math.max(1, Math.ceil(items.length / pageSize));
  return Array.from({ length: totalPages }, (_, index) => ({
    page: index + 1,
    totalPages,
    totalItems: items.length,
    items: items.slice(index * pageSize, (index + 1) * pageSize),
  }));
}

/** The `[...page]` route parameter: none for the first page, so page 1 lives at the list's own URL. */
export function toPageParam(page: number): string | undefined {
  return page > 1 ? String(page) : undefined;
}

export interface PaginationLink {
  page: number;
  url: string;
  current: boolean;
}

export interface PaginationLinks {
  previous?: string;
  next?: string;
  /** Page links with `null` standing for a gap ("…"). */
  pages: Array<PaginationLink | null>;
}

/**
 * Links for a pager: first, last, and `around` pages either side of the current one, with gaps
 * where pages are left out, so page 40 of 90 does not print 90 links.
 */
export function getPaginationLinks(
  page: number,
  totalPages: number,
  urlFor: (page: number) => string,
  around = 2,
): PaginationLinks {
  const shown = new Set([1, totalPages]);
  for (let candidate = page - around; candidate <= page + around; candidate++) {
    if (candidate >= 1 && candidate <= totalPages) shown.add(candidate);
  }
  const pages: Array<PaginationLink | null> = [];
  let last = 0;
  for (const number of [...shown].sort((a, b) => a - b)) {
    if (number - last > 1) pages.push(null);
    pages.push({ page: number, url: urlFor(number), current: number === page });
    last = number;
  }
  const links: PaginationLinks = { pages };
  if (page > 1) links.previous = urlFor(page - 1);
  if (page < totalPages) links.next = urlFor(page + 1);
  return links;
}
