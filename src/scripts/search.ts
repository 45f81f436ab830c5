/**
 * The search page's script, the only client JavaScript of the paper. It queries the Pagefind index
 * written at build time and shows kicker, headline, teaser and date of each hit. Results are built
 * with textContent, never innerHTML, so nothing from the index is interpreted as markup.
 */

interface PagefindResultData {
  url: string;
  meta: Record<string, string | undefined>;
}

interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  search(
    query: string | null,
    options?: { filters?: Record<string, string>; sort?: Record<string, 'asc' | 'desc'> },
  ): Promise<{ results: Array<{ data(): Promise<PagefindResultData> }> }>;
}

const RESULTS_SHOWN = 30;

async function setUpSearch(root: HTMLElement): Promise<void> {
  const form = root.querySelector<HTMLFormElement>('form');
  const input = root.querySelector<HTMLInputElement>('input[name="q"]');
  const list = root.querySelector<HTMLOListElement>('.search-results');
  const status = root.querySelector<HTMLElement>('.search-status');
  if (!form || !input || !list || !status) return;
  const labels = { none: root.dataset['noResults'] ?? '', count: root.dataset['resultsTemplate'] ?? '{count}' };

  // The index lives beside the pages; a path computed at run time keeps the bundler out of it.
  const indexUrl = new URL('/pagefind/pagefind.js', window.location.href).href;
  const pagefind = (await import(/* @vite-ignore */ indexUrl)) as Pagefind;
  await pagefind.options({ excerptLength: 20 });
  root.classList.add('search-ready');

  const run = async (): Promise<void> => {
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
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    const search = await pagefind.search(query || null, { filters, ...(query ? {} : { sort: { date: 'desc' } }) });
    const hits = await Promise.all(search.results.slice(0, RESULTS_SHOWN).map((result) => result.data()));
    status.textContent = hits.length ? labels.count.replace('{count}', String(search.results.length)) : labels.none;
    list.replaceChildren(...hits.map(renderHit));
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  form.addEventListener('change', () => void run());
  const initial = new URLSearchParams(window.location.search);
  for (const [name, value] of initial) {
    const field = form.elements.namedItem(name);
    if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = value;
  }
  if ([...initial.keys()].length) await run();
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
