/**
 * A deterministic synthetic paper for the benchmark: sections, ~300 topics, ~60 authors and any
 * number of articles with realistic front matter and 500–900-word bodies. Same seed, same paper.
 */

/** mulberry32: a small, fast, seedable generator; the benchmark needs repeatability, not quality. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const WORDS = (
  'der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat daß sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei ' +
  'Stadt Land Regierung Bürgermeisterin Haushalt Verkehr Bahn Strom Wohnung Miete Schule Klima Energie Hafen Gericht Urteil Gewerkschaft Streik Bundestag Ausschuss Ministerium Kommune Zeitung Redaktion Bericht Sprecherin Opposition Koalition Mehrheit Antrag Gesetz Reform Kosten Millionen Prozent Jahr Woche Montag Dienstag Mittwoch Donnerstag Freitag ' +
  'fordert kritisiert beschließt erklärt kündigt an verschiebt prüft verhandelt streicht erhöht senkt plant warnt begrüßt bestätigt dementiert meldet zeigt'
).split(' ');

export const SECTIONS = [
  'politik',
  'wirtschaft',
  'oekologie',
  'gesellschaft',
  'kultur',
  'sport',
  'berlin',
  'international',
];

/**
 * Distinct pictures the paper's articles share (the bench writes them, src/cli/bench.ts): enough
 * for the first fill of the picture cache to weigh what it weighs for a paper, few enough that
 * writing them does not outlast the builds.
 */
export const SYNTHETIC_PICTURES = 60;

/** The picture of article `index`, inside the content folder: every third article has one. */
export function getPictureFile(index: number): string | undefined {
  return index % 3 === 0 ? `images/bild-${(index / 3) % SYNTHETIC_PICTURES}.jpg` : undefined;
}

/**
 * The article the bench deletes ("one article deleted", src/cli/bench.ts). The rich paper neither
 * links to it nor names it related, so deleting it leaves no dead link and no broken reference.
 */
export const BENCH_DELETED_ARTICLE = 2;

export interface SyntheticFile {
  /** Path inside the content folder. */
  path: string;
  text: string;
}

/** A sentence of 8–21 words from WORDS, capitalised, with a full stop. */
export function sentence(random: () => number): string {
  const length = 8 + Math.floor(random() * 14);
  const words = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(random: () => number, words: number): string {
  const sentences: string[] = [];
  let count = 0;
  while (count < words) {
    const next = sentence(random);
    sentences.push(next);
    count += next.split(' ').length;
  }
  return sentences.join(' ');
}

/** When article `index` appears: one every 2.3 hours from 1 January 2015. */
export function getPublicationHour(index: number): Date {
  return new Date(Date.UTC(2015, 0, 1) + Math.floor(index * 2.3) * 3_600_000);
}

/** Where article `index` lives in the content folder: by year, named by its number (its slug). */
export function getArticlePath(index: number): string {
  return `articles/${getPublicationHour(index).getUTCFullYear()}/a${index}.md`;
}

/**
 * The URL of article `index` on the built site: its date is written as the UTC hour of its
 * publication and read in the paper's zone, so the day in the URL is that UTC day.
 */
export function getArticleUrl(index: number): string {
  return `/${getPublicationHour(index).toISOString().slice(0, 10).replaceAll('-', '/')}/a${index}/`;
}

/**
 * A build time after every article of a paper of `articles` articles (and one added later), so
 * none is held back as embargoed: 100,000 articles reach into 2041.
 */
export function getBuildTimeAfter(articles: number): Date {
  return new Date(getPublicationHour(articles + 1).getTime() + 86_400_000);
}

export function articleFile(index: number, random: () => number, headlineSuffix = '', bodySuffix = ''): SyntheticFile {
  const id = 6_000_000 + index;
  const day = getPublicationHour(index);
  const date = `${day.toISOString().slice(0, 10)} ${String(day.getUTCHours()).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}`;
  const topics = Array.from({ length: 1 + Math.floor(random() * 3) }, () => `thema-${Math.floor(random() * 300)}`);
  const authors =
    random() < 0.15
      ? []
      : Array.from({ length: 1 + Math.floor(random() * 2) }, () => `autor-${Math.floor(random() * 60)}`);
  // A paragraph may run up to one sentence (21 words) past its target, so the target stops short
  // enough for every body to stay between 500 and 900 words.
  const words = 500 + Math.floor(random() * 379);
  const paragraphs: string[] = [];
  let written = 0;
  while (written < words) {
    const next = paragraph(random, Math.min(60 + Math.floor(random() * 80), words - written));
    paragraphs.push(next);
    written += next.split(' ').length;
  }
  const front = [
    '---',
    `id: ${id}`,
    `kicker: ${sentence(random).split(' ').slice(0, 3).join(' ').replace(/[.:]/g, '')}`,
    `headline: ${sentence(random).slice(0, 60).replace(/[.:]/g, '')}${headlineSuffix}`,
    `teaser: ${sentence(random).replace(/:/g, '')}`,
    `date: ${date}`,
    `section: ${SECTIONS[index % SECTIONS.length]}`,
    `topics: [${[...new Set(topics)].join(', ')}]`,
    `authors: [${[...new Set(authors)].join(', ')}]`,
    `credits: [${authors.length ? 'taz' : 'dpa'}]`,
    'dateline: BERLIN',
    ...(getPictureFile(index)
      ? ['image:', `  src: ../../${getPictureFile(index)}`, '  alt: Ein Symbolbild', '  credit: "Foto: Benchmark"']
      : []),
    `comments: ${Math.floor(random() * 300)}`,
    '---',
  ];
  return {
    path: getArticlePath(index),
    text: `${front.join('\n')}\n${paragraphs.join('\n\n')}${bodySuffix}\n`,
  };
}

/**
 * The whole paper: settings, sections, topics, authors and `articles` articles, one file at a time,
 * so that writing a 100,000-article paper does not hold it all in memory (the benchmark process
 * lives on beside the build it measures).
 */
export function* generatePaper(articles: number, seed = 20261121): Generator<SyntheticFile> {
  const random = createRandom(seed);
  yield {
    path: 'site.yaml',
    text: 'title: Benchmark-Zeitung\nurl: https://bench.example\nlocale: de-DE\ntimeZone: Europe/Berlin\n',
  };
  yield {
    path: 'sections.yaml',
    text: SECTIONS.map((id) => `- id: ${id}\n  name: ${id.charAt(0).toUpperCase()}${id.slice(1)}`).join('\n') + '\n',
  };
  yield {
    path: 'topics.yaml',
    text: Array.from({ length: 300 }, (_, index) => `- id: thema-${index}\n  name: Thema ${index}`).join('\n') + '\n',
  };
  for (let index = 0; index < 60; index++) {
    yield {
      path: `authors/autor-${index}.yaml`,
      text: `name: Autorin ${index}\nbio: ${sentence(random).replace(/:/g, '')}\n`,
    };
  }
  for (let index = 0; index < articles; index++) yield articleFile(index, random);
}
