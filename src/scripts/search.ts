/**
 * The search page's script, the only client JavaScript of the paper. The index is written at build
 * time in parts (src/lib/publish/search-index.ts): `pagefind/parts.json` lists calendar parts and a delta
 * of recently changed articles, and which old copies in the calendar parts the delta supersedes.
 * Every part is searched with its own Pagefind instance; superseded copies are dropped by id before
 * anything of them is loaded, and the parts' answers are merged into one list: by relevance
 * (the best hits scored again by the whole paper's statistics, see rankAcrossParts) or newest first.
 *
 * Results are built with textContent, never innerHTML, so nothing from the index is interpreted as
 * markup.
 */

interface PagefindWordLocation {
  /** The location's weight over 24 (Pagefind's scale: a body word weighs 1). */
  weight: number;
  /** The raw weight squared times the length bonus of the word matched there. */
  balanced_score: number;
  location: number;
}

interface PagefindResultData {
  url: string;
  meta: Record<string, string | undefined>;
  word_count: number;
  weighted_locations: PagefindWordLocation[];
}

interface PagefindResult {
  id: string;
  score: number;
  /** Where the query's words are on the page. */
  words: number[];
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
  searched: { pages: number; words: number };
  drop: Record<string, string[]>;
}

const PARTS_VERSION = 2;
const RESULTS_PER_PAGE = 30;
/** Each part's best hits that are re-ranked by the paper's statistics (see rankAcrossParts). */
const RERANKED_PER_PART = RESULTS_PER_PAGE;
/** Pagefind's default ranking weights (the paper sets none): BM25's k1 and b. */
const TERM_SATURATION = 1.4;
const PAGE_LENGTH_WEIGHT = 0.75;

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
  searched: PartsFile['searched'];
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
  if (!primary) return { pagefind: null, parts, searched: list.searched };
  // Pagefind's own merge: one copy of its library and WebAssembly serves every part (separate
  // instances would each load the WebAssembly into the same module and break it). A path
  // computed at run time keeps the bundler out. The `part` filter lets a search ask one part at
  // a time, so each part's order and superseded copies stay its own.
  const libraryUrl = new URL(`/pagefind/${primary.dir}/pagefind.js`, window.location.href).href;
  const pagefind = (await import(/* @vite-ignore */ libraryUrl)) as PagefindModule;
  await pagefind.options({ excerptLength: 20, baseUrl: '/', mergeFilter: { part: primary.dir } });
  for (const part of others)
    await pagefind.mergeIndex(`/pagefind/${part.dir}/`, { baseUrl: '/', mergeFilter: { part: part.dir } });
  return { pagefind, parts, searched: list.searched };
}

/**
 * A part's scores rest on its own statistics: Pagefind's BM25 weighs a word by how few of the
 * part's pages contain it and a page by its length against the part's average, so a word common
 * in the paper scores far higher in a small part (the delta) than in a year's. Merging by those
 * scores puts the small parts' hits first. Instead, each part's first page of hits is scored again
 * the way one index of the whole paper would score it: Pagefind's formula (in its 32-bit floats,
 * since near-equal scores are common) with the searched articles' count and average length
 * (parts.json) and the number of them containing each word (a search for the word alone, over
 * every part). A hit's weighted count of each word comes from its own data, split by word by the
 * word's locations on the page. The rest of each part's hits follow, by their part's score.
 */
async function rankAcrossParts(
  pagefind: PagefindModule,
  parts: readonly Part[],
  searched: PartsFile['searched'],
  query: string,
  lists: readonly Hit[][],
): Promise<Hit[]> {
  const byPartScore = (a: Hit, b: Hit): number => b.score - a.score;
  if (parts.length < 2 || !searched.pages) return lists.flat().sort(byPartScore);
  const f = Math.fround;
  const k1 = f(TERM_SATURATION);
  const b = f(PAGE_LENGTH_WEIGHT);
  const totalPages = f(searched.pages);
  const averageLength = f(f(searched.words) / totalPages);
  const dropped = new Set(parts.flatMap((part) => [...part.drop]));
  // Pagefind splits a query at spaces and requires every word.
  const terms = [...new Set(query.toLowerCase().split(/\s+/).filter(Boolean))];
  const perTerm = await Promise.all(
    terms.map(async (term) => {
      const { results } = await pagefind.search(term);
      // A superseded copy does not count, unless the current copy is the same page (same id).
      const seen = new Map<string, number>();
      for (const result of results) seen.set(result.id, (seen.get(result.id) ?? 0) + 1);
      const containing = [...seen].filter(([id, copies]) => !dropped.has(id) || copies > 1).length;
      const idf = f(Math.log(f(f(f(totalPages - containing + 0.5) / f(containing + 0.5)) + 1)));
      return { idf, locations: new Map(results.map((result) => [result.id, result.words])) };
    }),
  );
  const candidates = lists.flatMap((list) => list.slice(0, RERANKED_PER_PART));
  const rescored = await Promise.all(
    candidates.map(async (hit) => {
      const data = await hit.data();
      // In Pagefind's order of operations: k1 * ((1 - b) + b * (length / average)).
      const lengthNorm = f(k1 * f(f(1 - b) + f(b * f(data.word_count / averageLength))));
      let score = 0;
      for (const { idf, locations } of perTerm) {
        const where = new Set(locations.get(hit.result.id) ?? []);
        // Pagefind scores each word a term matched (the term and words it begins) on its own;
        // the words are told apart by their length bonus, which a location carries.
        // (recovered from a rounded product, so compared to five places).
        const byWord = new Map<string, { lengthBonus: number; weights: number }>();
        for (const location of data.weighted_locations) {
          if (!where.has(location.location) || location.weight <= 0) continue;
          const raw = Math.round(location.weight * 24);
          const lengthBonus = f(location.balanced_score / (raw * raw));
          const word = byWord.get(lengthBonus.toFixed(5)) ?? { lengthBonus, weights: 0 };
          word.weights += raw;
          byWord.set(lengthBonus.toFixed(5), word);
        }
        for (const { lengthBonus, weights } of byWord.values()) {
          const weighted = f(f(weights / 24) * lengthBonus);
          const tf = f(f(f(k1 + 1) * weighted) / f(lengthNorm + weighted));
          score = f(score + f(idf * tf));
        }
      }
      return { hit, score };
    }),
  );
  // Stable: equal scores keep the delta's and the newer parts' hits first.
  const first = rescored.sort((a, b) => b.score - a.score).map(({ hit }) => hit);
  const rest = lists.flatMap((list) => list.slice(RERANKED_PER_PART)).sort(byPartScore);
  return [...first, ...rest];
}

async function searchParts(
  { pagefind, parts, searched }: MergedIndex,
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
  const lists = answers.map(({ results }, index) =>
    results.filter((result) => !parts[index]!.drop.has(result.id)).map((result) => new Hit(result, result.score)),
  );
  const total = lists.reduce((sum, list) => sum + list.length, 0);
  if (!newestFirst) {
    const merged = await rankAcrossParts(pagefind, parts, searched, query, lists);
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
