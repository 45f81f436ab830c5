import { describe, expect, it } from 'vitest';
import {
  assignPartKeys,
  diffIndexedPages,
  getPageUrl,
  listSearchedPages,
  planSearchParts,
  type PartsPlan,
  type PartsState,
  type PlanOptions,
} from '../../../../src/lib/publish/search-parts.ts';

const options: PlanOptions = { deltaLimit: 3, yearPartLimit: 4 };

const page = (file: string, hash = 'h1'): { file: string; hash: string } => ({ file, hash });

/** The state a release leaves behind when it publishes a plan, as search-index.ts writes it. */
function toState(plan: PartsPlan): PartsState {
  return {
    parts: plan.parts.map(({ key, dir, pages }) => ({ key, dir, pages })),
    delta: plan.delta && { key: plan.delta.key, dir: plan.delta.dir, pages: plan.delta.pages },
    removed: plan.removed,
  };
}

const paper = [
  page('2024/03/01/a/index.html'),
  page('2024/05/02/b/index.html'),
  page('2025/01/10/c/index.html'),
  page('2025/02/11/d/index.html'),
  page('artikel/zeitlos/index.html'),
];

function publish(previous: PartsState | null, pages: ReadonlyArray<{ file: string; hash: string }>, fold = false) {
  const plan = planSearchParts(previous, diffIndexedPages(previous, pages), { ...options, fold });
  return { plan, state: toState(plan) };
}

describe('assignPartKeys', () => {
  it('puts a year in one part, a year past the limit in month parts, and undated articles apart', () => {
    const files = [
      '2024/03/01/a/index.html',
      ...['01', '01', '02', '03', '03'].map((month, n) => `2025/${month}/0${n + 1}/x${n}/index.html`),
      'artikel/zeitlos/index.html',
    ];
    const keys = assignPartKeys(files, 4);
    expect([...keys.values()]).toEqual(['2024', '2025-01', '2025-01', '2025-02', '2025-03', '2025-03', 'undated']);
  });
});

describe('planSearchParts', () => {
  it('builds every calendar part and no delta on a first publish', () => {
    const { plan } = publish(null, paper);
    expect(plan.folded).toBe(true);
    expect(plan.parts.map(({ key, reuse }) => [key, reuse])).toEqual([
      ['2025', false],
      ['2024', false],
      ['undated', false],
    ]);
    expect(plan.delta).toBeNull();
    expect(plan.superseded).toEqual([]);
  });

  it('takes over every part and rebuilds nothing when no article changed', () => {
    const first = publish(null, paper);
    const { plan } = publish(first.state, paper);
    expect(plan.parts.every((part) => part.reuse)).toBe(true);
    expect(plan.parts.map((part) => part.dir)).toEqual(first.plan.parts.map((part) => part.dir));
    expect(plan.delta).toBeNull();
  });

  it('puts an edited article in the delta and supersedes its old copy, leaving the calendar parts alone', () => {
    const first = publish(null, paper);
    const edited = paper.map((p) => (p.file.startsWith('2024/03') ? page(p.file, 'h2') : p));
    const { plan } = publish(first.state, edited);
    expect(plan.parts.every((part) => part.reuse)).toBe(true);
    expect(plan.delta?.pages).toEqual({ '2024/03/01/a/index.html': 'h2' });
    expect(plan.delta?.reuse).toBe(false);
    expect(plan.superseded).toEqual(['/2024/03/01/a/']);
  });

  it('puts a new article in the delta without superseding anything', () => {
    const first = publish(null, paper);
    const { plan } = publish(first.state, [...paper, page('2025/03/01/neu/index.html')]);
    expect(Object.keys(plan.delta?.pages ?? {})).toEqual(['2025/03/01/neu/index.html']);
    expect(plan.superseded).toEqual([]);
  });

  it('supersedes a deleted article until the fold, and drops a deleted delta article from the delta', () => {
    const first = publish(null, paper);
    const added = publish(first.state, [...paper, page('2025/03/01/neu/index.html')]);
    const { plan } = publish(
      added.state,
      paper.filter((p) => !p.file.startsWith('2024/05')),
    );
    expect(plan.delta).toBeNull();
    expect(plan.removed).toEqual(['2024/05/02/b/index.html']);
    expect(plan.superseded).toEqual(['/2024/05/02/b/']);
    expect(plan.parts.every((part) => part.reuse)).toBe(true);
  });

  it('keeps the delta part as it is when a publish changed no article', () => {
    const first = publish(null, paper);
    const edited = [...paper, page('2025/03/01/neu/index.html')];
    const second = publish(first.state, edited);
    const { plan } = publish(second.state, edited);
    expect(plan.delta?.reuse).toBe(true);
    expect(plan.delta?.dir).toBe(second.plan.delta?.dir);
  });

  it('finds an article whose date moved once, under its new address', () => {
    const first = publish(null, paper);
    const moved = paper.map((p) => (p.file.startsWith('2024/03') ? page('2025/03/05/a/index.html', 'h2') : p));
    const { state, plan } = publish(first.state, moved);
    expect(plan.superseded).toEqual(['/2024/03/01/a/']);
    expect([...listSearchedPages(state).keys()].filter((file) => file.endsWith('/a/index.html'))).toEqual([
      '2025/03/05/a/index.html',
    ]);
  });

  it('folds the delta back when it outgrows the limit, rebuilding only the parts it touches', () => {
    let state = publish(null, paper).state;
    const pages = [...paper];
    for (const day of ['01', '02', '03', '04']) {
      pages.push(page(`2025/04/${day}/neu/index.html`));
      const next = publish(state, pages);
      state = next.state;
      if (day !== '04') expect(next.plan.folded).toBe(false);
      else {
        expect(next.plan.folded).toBe(true);
        expect(next.plan.delta).toBeNull();
        expect(next.plan.superseded).toEqual([]);
        // 2025 had 2 articles and now has 6: past the limit of 4, it is split into months.
        expect(next.plan.parts.map(({ key, reuse }) => [key, reuse])).toEqual([
          ['2025-04', false],
          ['2025-02', false],
          ['2025-01', false],
          ['2024', true],
          ['undated', true],
        ]);
      }
    }
    expect([...listSearchedPages(state).keys()].sort()).toEqual(pages.map((p) => p.file).sort());
  });

  it('folds on request, and a folded edit leaves no superseded copy behind', () => {
    const first = publish(null, paper);
    const edited = paper.map((p) => (p.file.startsWith('artikel/') ? page(p.file, 'h2') : p));
    const { plan } = publish(publish(first.state, edited).state, edited, true);
    expect(plan.folded).toBe(true);
    expect(plan.parts.filter((part) => !part.reuse).map((part) => part.key)).toEqual(['undated']);
    expect(plan.parts.find((part) => part.key === 'undated')?.pages).toEqual({ 'artikel/zeitlos/index.html': 'h2' });
  });

  it('drops a part whose articles were all deleted at the fold', () => {
    const first = publish(null, paper);
    const { plan } = publish(
      first.state,
      paper.filter((p) => !p.file.startsWith('2024')),
      true,
    );
    expect(plan.parts.map((part) => part.key)).toEqual(['2025', 'undated']);
  });

  it('never lists an article twice across the parts a search reads', () => {
    let state: PartsState | null = null;
    let pages = [...paper];
    for (let round = 0; round < 12; round++) {
      pages = pages.map((p, n) => (n % 3 === round % 3 ? page(p.file, `r${round}`) : p));
      if (round % 4 === 1) pages = pages.slice(1);
      if (round % 2 === 0) pages.push(page(`2025/06/${String(round + 10)}/r/index.html`, `r${round}`));
      state = publish(state, pages, round === 7).state;
      const searched = listSearchedPages(state);
      expect(Object.fromEntries(searched)).toEqual(Object.fromEntries(pages.map((p) => [p.file, p.hash])));
    }
  });
});

describe('getPageUrl', () => {
  it('gives the address Pagefind gives a page file', () => {
    expect(getPageUrl('2025/01/10/c/index.html')).toBe('/2025/01/10/c/');
    expect(getPageUrl('artikel/zeitlos/index.html')).toBe('/artikel/zeitlos/');
  });
});
