/**
 * A renderer's page list as the change to the one it sent before: `npm run watch` loads edit after
 * edit, and sending 35,000 pages each time costs more than finding the few that changed. Pure.
 */

/** One page as the parent plans with it; its compressed copies are written beside it. */
export interface PlannedPage {
  pathname: string;
  file: string;
  key: string;
  /** The search index reads this page. */
  indexed: boolean;
}

/** Every page, as the change to list `base`, or whole (no `base`). */
export interface PageListUpdate {
  /** This list's number, for the next request's `since`. */
  id: number;
  base?: number | undefined;
  /** The pages that are new or changed since `base`; every page without it. */
  pages: PlannedPage[];
  /** The pathnames gone since `base`. */
  removed: string[];
  /** Every pathname in order, when the order differs from `base`'s. */
  order?: string[] | undefined;
}

/** A page list as either side keeps it. */
export interface PageList {
  id: number;
  byPathname: Map<string, PlannedPage>;
  list: readonly PlannedPage[];
}

export function createPageList(id: number, pages: readonly PlannedPage[]): PageList {
  return { id, byPathname: new Map(pages.map((page) => [page.pathname, page])), list: pages };
}

/** `next` as the update to send: the change to `base`, or whole without one. */
export function describePageList(next: PageList, base: PageList | undefined): PageListUpdate {
  if (!base) return { id: next.id, pages: [...next.list], removed: [] };
  const pages = next.list.filter((page) => {
    const before = base.byPathname.get(page.pathname);
    if (before === page) return false;
    return !before || before.key !== page.key || before.file !== page.file || before.indexed !== page.indexed;
  });
  const removed = base.list.filter((page) => !next.byPathname.has(page.pathname)).map((page) => page.pathname);
  const reordered =
    next.list.length !== base.list.length ||
    next.list.some((page, index) => page.pathname !== base.list[index]!.pathname);
  return {
    id: next.id,
    base: base.id,
    pages,
    removed,
    order: reordered ? next.list.map((page) => page.pathname) : undefined,
  };
}

/**
 * The whole list an update stands for; `base` is the list it was made against, and is used up:
 * its map becomes the new list's (copying 35,000 entries for every publish costs more than the
 * change).
 */
export function applyPageList(update: PageListUpdate, base: PageList | undefined): PageList {
  if (update.base === undefined) return createPageList(update.id, update.pages);
  if (!base || update.base !== base.id)
    throw new Error(`A renderer sent changes to page list ${update.base}, which this build does not have.`);
  const byPathname = base.byPathname;
  for (const pathname of update.removed) byPathname.delete(pathname);
  for (const page of update.pages) byPathname.set(page.pathname, page);
  const list = update.order
    ? update.order.map((pathname) => {
        const page = byPathname.get(pathname);
        if (!page) throw new Error(`A renderer's page list names ${pathname} but sent no page for it.`);
        return page;
      })
    : base.list.flatMap((page) => byPathname.get(page.pathname) ?? []);
  return { id: update.id, byPathname, list };
}
