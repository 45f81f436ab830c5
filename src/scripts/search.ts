/**
 * The search page's script, the only client JavaScript of the paper. The index is written at build
 * time in parts (src/lib/publish/search-index.ts): `pagefind/parts.json` lists calendar parts and a delta
 * of recently changed articles, and which old copies in the calendar parts the delta supersedes.
 * Every part is searched with its own Pagefind instance; superseded copies are dropped by id before
 * anything of them is loaded, and the parts' answers are merged into one list: by relevance
 * (re-weighted to the whole paper's word statistics, see rescore) or newest first.
 *
 * Results are built with textContent, never innerHTML, so nothing from the index is interpreted as
 * markup.
 */

interface PagefindResultData {
  url: string;
  meta: Record<string, string | undefined>;
}

interface PagefindTermScore {
  search_term: string;
  idf: number;
  score: number;
  params: { pages_containing_term: number };
}

interface PagefindResult {
  id: string;
  score: number;
  /** Pagefind's account of the score, term by term (Pagefind 1.5). */
  scores?: PagefindTermScore[];
  data(): Promise<PagefindResultData>;
}

interface PagefindModule {
  options(options: Record<string, unknown>): Promise<void>;
  mergeIndex(basePath: string, options: Record<string, unknown>): Promise<void>;
  search(
    query: string | null,
    options?: { filters?: Record<string, string>; sort?: Record<string, 'asc' | 'desc'> },
  ): Promise<{ results: PagefindResult[] }>;
}

interface PartsFile {
  version: number;
  parts: Array<{ key: string; dir: string; pages: number }>;
  delta: { dir: string; pages: number } | null;
  drop: Record<string, string[]>;
}

const PARTS_VERSION = 1;
const RESULTS_PER_PAGE = 30;

/** A part of the index: its folder, its size and the superseded copies it still holds. */
interface Part {
  dir: string;
  pages: number;
  drop: ReadonlySet<string>;
}

/** Pagefind with every part merged in, each part's pages tagged with a `part` filter. */
interface MergedIndex {
  pagefind: PagefindModule | null;
  parts: Part[];
}

/** One hit, with its data loaded once, when first needed. */
class Hit {
  private loaded: Promise<PagefindResultData> | undefined;
  constructor(
    readonly result: PagefindResult,
    readonly score: number,
  ) {}
  data(): Promise<PagefindResultData> {
    this.loaded ??= this.result.data();
    return this.loaded;
  }
}

/** Hands out a search's hits a page at a time, in their merged order. */
interface HitCursor {
  total: number;
  next(count: number): Promise<Hit[]>;
}

async function loadParts(): Promise<MergedIndex> {
  const listUrl = new URL('/pagefind/parts.json', window.location.href).href;
  const response = await fetch(listUrl, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`The search index list answered ${response.status}.`);
  const list = (await response.json()) as PartsFile;
  if (list.version !== PARTS_VERSION) throw new Error(`The search index list has version ${list.version}.`);
  // The delta first: its copies are the current ones.
  const parts = [...(list.delta ? [list.delta] : []), ...list.parts].map(({ dir, pages }): Part => ({
    dir,
    pages,
    drop: new Set(list.drop[dir] ?? []),
  }));
  const [primary, ...others] = parts;
  if (!primary) return { pagefind: null, parts };
  // Pagefind's own merge: one copy of its library and WebAssembly serves every part (separate
  // instances would each load the WebAssembly into the same module and break it). A path
  // computed at run time keeps the bundler out. The `part` filter lets a search ask one part at
  // a time, so each part's order and superseded copies stay its own.
  const libraryUrl = new URL(`/pagefind/${primary.dir}/pagefind.js`, window.location.href).href;
  const pagefind = (await import(/* @vite-ignore */ libraryUrl)) as PagefindModule;
  await pagefind.options({ excerptLength: 20, baseUrl: '/', mergeFilter: { part: primary.dir } });
  for (const part of others)
    await pagefind.mergeIndex(`/pagefind/${part.dir}/`, { baseUrl: '/', mergeFilter: { part: part.dir } });
  return { pagefind, parts };
}

/**
 * A part's scores rest on its own statistics: a word rare in one year's part weighs more there
 * than in the paper as a whole. Pagefind reports each term's share of the score with the idf it
 * used and how many of the part's pages contain the term; each share is re-weighted with the idf
 * the whole paper gives the term (BM25's, which Pagefind uses, over all parts' counts). Pagefind
 * 1.5.2 reports per-term scores only in its playground mode; without them the part's score stands.
 */
function rescore(
  parts: readonly Part[],
  answers: ReadonlyArray<{ results: readonly PagefindResult[] }>,
): (result: PagefindResult) => number {
  if (parts.length < 2) return (result) => result.score;
  // Superseded copies still count in their part's statistics, as they would in one index.
  const totalPages = parts.reduce((sum, part) => sum + part.pages, 0);
  const containing = new Map<string, number>();
  for (const { results } of answers) {
    const counted = new Map<string, number>();
    for (const result of results)
      for (const term of result.scores ?? []) counted.set(term.search_term, term.params.pages_containing_term);
    for (const [term, pages] of counted) containing.set(term, (containing.get(term) ?? 0) + pages);
  }
  const idf = (pages: number): number => Math.log((totalPages - pages + 0.5) / (pages + 0.5) + 1);
  return (result) => {
    if (!result.scores?.length) return result.score;
    let score = 0;
    for (const term of result.scores) {
      const global = idf(containing.get(term.search_term) ?? term.params.pages_containing_term);
      score += term.idf > 0 ? (term.score * global) / term.idf : term.score;
    }
    return score;
  };
}

async function searchParts(
  { pagefind, parts }: MergedIndex,
  query: string,
  filters: Record<string, string>,
): Promise<HitCursor> {
  const newestFirst = !query;
  if (!pagefind) return { total: 0, next: () => Promise.resolve([]) };
  const answers = await Promise.all(
    parts.map((part) =>
      pagefind.search(query || null, {
        filters: { ...filters, part: part.dir },
        ...(newestFirst ? { sort: { date: 'desc' } } : {}),
      }),
    ),
  );
  const score = rescore(parts, answers);
  const lists = answers.map(({ results }, index) =>
    results.filter((result) => !parts[index]!.drop.has(result.id)).map((result) => new Hit(result, score(result))),
  );
  const total = lists.reduce((sum, list) => sum + list.length, 0);
  if (!newestFirst) {
    // Stable: equal scores keep the delta's and the newer parts' hits first.
    const merged = lists.flat().sort((a, b) => b.score - a.score);
    let shown = 0;
    return {
      total,
      next: (count) => {
        const page = merged.slice(shown, shown + count);
        shown += page.length;
        return Promise.resolve(page);
      },
    };
  }
  // Each part's hits come newest first; the parts' lists are merged by publication time, loading
  // only the data of each list's next hit.
  const heads = lists.map(() => 0);
  const published = async (hit: Hit): Promise<string> => (await hit.data()).meta['published'] ?? '';
  return {
    total,
    next: async (count) => {
      const page: Hit[] = [];
      while (page.length < count) {
        let best = -1;
        let bestTime = '';
        for (const [index, list] of lists.entries()) {
          const hit = list[heads[index]!];
          if (!hit) continue;
          const time = await published(hit);
          if (best === -1 || time > bestTime) {
            best = index;
            bestTime = time;
          }
        }
        if (best === -1) break;
        page.push(lists[best]![heads[best]!]!);
        heads[best]!++;
      }
      return page;
    },
  };
}

async function setUpSearch(root: HTMLElement): Promise<void> {
  const form = root.querySelector<HTMLFormElement>('form');
  const input = root.querySelector<HTMLInputElement>('input[name="q"]');
  const list = root.querySelector<HTMLOListElement>('.search-results');
  const status = root.querySelector<HTMLElement>('.search-status');
  const more = root.querySelector<HTMLElement>('.search-more');
  const moreButton = more?.querySelector<HTMLButtonElement>('button');
  if (!form || !input || !list || !status || !more || !moreButton) return;
  const labels = { none: root.dataset['noResults'] ?? '', count: root.dataset['resultsTemplate'] ?? '{count}' };

  const parts = await loadParts();
  root.classList.add('search-ready');

  let cursor: HitCursor | undefined;
  // A newer search replaces an older one still loading: only the latest writes the list.
  let generation = 0;

  const showMore = async (current: number): Promise<void> => {
    if (!cursor) return;
    const hits = await cursor.next(RESULTS_PER_PAGE);
    const items = await Promise.all(hits.map(async (hit) => renderHit(await hit.data())));
    if (current !== generation) return;
    list.append(...items);
    more.hidden = list.children.length >= cursor.total;
  };

  const run = async (): Promise<void> => {
    const current = ++generation;
    const data = new FormData(form);
    const query = String(data.get('q') ?? '').trim();
    const filters: Record<string, string> = {};
    for (const name of ['section', 'year']) {
      const value = String(data.get(name) ?? '');
      if (value) filters[name] = value;
    }
    const params = new URLSearchParams(
      [...data.entries()].filter(([, value]) => value !== '') as Array<[string, string]>,
    );
    history.replaceState(null, '', `${window.location.pathname}${params.size ? `?${params}` : ''}`);
    if (!query && !Object.keys(filters).length) {
      cursor = undefined;
      list.replaceChildren();
      more.hidden = true;
      status.textContent = '';
      return;
    }
    const found = await searchParts(parts, query, filters);
    if (current !== generation) return;
    cursor = found;
    list.replaceChildren();
    await showMore(current);
    if (current !== generation) return;
    status.textContent = found.total ? labels.count.replace('{count}', String(found.total)) : labels.none;
    // Says which search the list shows, for anyone waiting on it (readers' tools, tests).
    root.dataset['shown'] = params.toString();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  form.addEventListener('change', () => void run());
  moreButton.addEventListener('click', () => void showMore(generation));
  const initial = new URLSearchParams(window.location.search);
  for (const [name, value] of initial) {
    const field = form.elements.namedItem(name);
    if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = value;
  }
  // A reader may have typed or chosen a filter while the index was loading: answer that too.
  const chosen = [...new FormData(form).values()].some((value) => value !== '');
  if (chosen) await run();
}

function renderHit(hit: PagefindResultData): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = hit.url;
  if (hit.meta['kicker']) {
    const kicker = document.createElement('span');
    kicker.className = 'kicker';
    kicker.textContent = hit.meta['kicker'];
    link.append(kicker);
  }
  const headline = document.createElement('span');
  headline.className = 'headline';
  headline.textContent = hit.meta['title'] ?? hit.url;
  link.append(headline);
  const heading = document.createElement('h2');
  heading.className = 'teaser-heading';
  heading.append(link);
  const teaser = document.createElement('p');
  teaser.className = 'teaser-teaser';
  teaser.textContent = hit.meta['teaser'] ?? '';
  const date = document.createElement('p');
  date.className = 'teaser-meta';
  date.textContent = hit.meta['date'] ?? '';
  item.append(heading, teaser, date);
  return item;
}

const root = document.querySelector<HTMLElement>('.search');
if (root) void setUpSearch(root);
