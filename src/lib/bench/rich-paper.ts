/**
 * The bench's second shape of paper, "rich": bodies in the Markdown a newsroom writes (links to
 * other articles of the paper and to outside sources, `##` subheadings, emphasis and strong,
 * bulleted and numbered lists, now and then a blockquote), a picture on every article from a pool
 * of RICH_PICTURES, 300 authors and 1,000 topics, each article by 1–3 authors with 2–5 topics.
 *
 * It keeps the plain paper's schedule, ids, sections and file names (synthetic-paper.ts), so the
 * bench's edits, its build time and the articles' URLs are the same for both shapes. Same seed,
 * same paper; written one file at a time, like the plain one.
 */
import {
  BENCH_DELETED_ARTICLE,
  createRandom,
  getArticlePath,
  getArticleUrl,
  getPublicationHour,
  SECTIONS,
  WORDS,
  type SyntheticFile,
} from './synthetic-paper.ts';

export const RICH_AUTHORS = 300;
export const RICH_TOPICS = 1000;
/**
 * Distinct pictures in the rich paper: more than the plain paper's 60, since every article has
 * one; the first fill of the picture cache (about 0.4 s a picture on this machine) stays near a
 * minute.
 */
export const RICH_PICTURES = 150;
/** How far back an internal link reaches: an article links to the paper's recent coverage. */
const LINK_WINDOW = 2000;

const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Elif',
  'Felix',
  'Greta',
  'Hannah',
  'Ilias',
  'Jana',
  'Karl',
  'Lena',
  'Malte',
  'Nora',
  'Oskar',
  'Paula',
  'Rasmus',
  'Sophie',
  'Tarik',
  'Ute',
];
const LAST_NAMES = [
  'Becker',
  'Demir',
  'Engel',
  'Fischer',
  'Gruber',
  'Hoffmann',
  'Jansen',
  'Keller',
  'Lorenz',
  'Meyer',
  'Nowak',
  'Otto',
  'Peters',
  'Schulz',
  'Wagner',
];
const ROLES = [
  'Redakteurin für Politik',
  'Korrespondent in Brüssel',
  'Redakteur für Wirtschaft und Umwelt',
  'Reporterin',
  'Redakteurin im Ressort Kultur',
  'Sportredakteur',
  'Redakteurin für Berlin',
  'Volontär',
];
const TOPIC_SUBJECTS = [
  'Mietenpolitik',
  'Verkehrswende',
  'Klimaschutz',
  'Bildung',
  'Pflege',
  'Rente',
  'Asylpolitik',
  'Digitalisierung',
  'Datenschutz',
  'Energiepreise',
  'Wohnungsbau',
  'Bahnreform',
  'Tarifstreit',
  'Haushaltsstreit',
  'Kohleausstieg',
  'Wasserstoff',
  'Landwirtschaft',
  'Artenschutz',
  'Gesundheitswesen',
  'Kita-Ausbau',
  'Schulreform',
  'Polizei',
  'Justiz',
  'Wahlrecht',
  'Grundsicherung',
  'Inflation',
  'Mindestlohn',
  'Fachkräfte',
  'Radverkehr',
  'Nahverkehr',
  'Hafenausbau',
  'Stadtentwicklung',
  'Kulturförderung',
  'Theater',
  'Literatur',
  'Fußball',
  'Olympia',
  'Medien',
  'Pressefreiheit',
  'Menschenrechte',
];
const TOPIC_PLACES = [
  'in Berlin',
  'in Hamburg',
  'in Bayern',
  'in Sachsen',
  'in der EU',
  'in Polen',
  'in Frankreich',
  'weltweit',
  'im Bundestag',
  'vor Gericht',
  'in den Kommunen',
  'auf dem Land',
  'in Brandenburg',
  'in Nordrhein-Westfalen',
  'in Bremen',
  'in Thüringen',
  'in Hessen',
  'im Osten',
  'im Norden',
  'in Europa',
  'in Afrika',
  'in Asien',
  'in den USA',
  'in der Türkei',
  'in der Ukraine',
];
const DATELINES = ['BERLIN', 'HAMBURG', 'MÜNCHEN', 'BRÜSSEL', 'LEIPZIG', 'FRANKFURT AM MAIN', 'KÖLN', 'WARSCHAU'];
const AGENCIES = ['dpa', 'imago', 'Reuters', 'AP', 'taz'];
const EXTERNAL_HOSTS = [
  'www.bundesregierung.example',
  'statistik.example',
  'www.landgericht.example',
  'www.verbraucherzentrale.example',
  'data.europa.example',
];

/** Author `index`'s name: 20 first names by 15 last names, each of the 300 once. */
export function getRichAuthorName(index: number): string {
  return `${FIRST_NAMES[index % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length]}`;
}

/** Topic `index`'s name: a subject and a place, each of the 1,000 once. */
export function getRichTopicName(index: number): string {
  return `${TOPIC_SUBJECTS[index % TOPIC_SUBJECTS.length]} ${TOPIC_PLACES[Math.floor(index / TOPIC_SUBJECTS.length) % TOPIC_PLACES.length]}`;
}

/** The picture of article `index`, inside the content folder: every article has one. */
export function getRichPictureFile(index: number): string {
  return `images/bild-${index % RICH_PICTURES}.jpg`;
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** `count` words from WORDS. */
const draw = (random: () => number, count: number): string[] =>
  Array.from({ length: count }, () => pick(random, WORDS));

const capitalise = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** A phrase of `min` to `max` words, capitalised, without a full stop: a headline, a subheading. */
function phrase(random: () => number, min: number, max: number): string {
  return capitalise(draw(random, min + Math.floor(random() * (max - min + 1))).join(' '));
}

/** Distinct numbers below `limit`, `count` of them, the low ones more often (a few topics are big). */
function distinctSkewed(random: () => number, count: number, limit: number, skew: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(limit * random() ** skew));
  return [...chosen];
}

/** The link a body carries: the words it is set on, and where it goes. */
interface PlannedLink {
  url: string;
  words: number;
}

/**
 * Links of article `index`: one to three to earlier articles (the paper's recent coverage, never
 * the one the bench deletes, so the delete leaves no dead link), and up to two to outside sources.
 */
function planLinks(index: number, random: () => number): PlannedLink[] {
  const links: PlannedLink[] = [];
  const lowest = Math.max(0, index - LINK_WINDOW);
  const internal = 1 + Math.floor(random() * 3);
  const targets = new Set<number>();
  for (let count = 0; count < internal && index > lowest; count++) {
    let target = index - 1 - Math.floor((index - lowest) * random() ** 2);
    if (target === BENCH_DELETED_ARTICLE) target = target + 1 < index ? target + 1 : target - 1;
    if (target < lowest || target === BENCH_DELETED_ARTICLE || targets.has(target)) continue;
    targets.add(target);
    links.push({ url: getArticleUrl(target), words: 2 + Math.floor(random() * 3) });
  }
  const external = Math.floor(random() * 3);
  for (let count = 0; count < external; count++) {
    const url = `https://${pick(random, EXTERNAL_HOSTS)}/mitteilung/${getPublicationHour(index).getUTCFullYear()}/${Math.floor(random() * 100_000)}`;
    links.push({ url, words: 1 + Math.floor(random() * 3) });
  }
  return links;
}

/**
 * A sentence of 8–21 words with, now and then, a word in emphasis, one or two in strong, and the
 * next planned link set on a few of its words. Returns the Markdown and its words.
 */
function richSentence(random: () => number, links: PlannedLink[]): { text: string; words: number } {
  const words = draw(random, 8 + Math.floor(random() * 14));
  // Marks go on inner words only, so none touches the capital or the full stop.
  if (links.length > 0 && random() < 0.3) {
    const link = links.shift()!;
    const start = 1 + Math.floor(random() * (words.length - link.words - 1));
    words.splice(start, link.words, `[${words.slice(start, start + link.words).join(' ')}](${link.url})`);
  }
  const plain = (position: number): boolean => !words[position]!.includes('[') && !words[position]!.includes('*');
  if (random() < 0.25) {
    const position = 1 + Math.floor(random() * (words.length - 2));
    if (plain(position)) words[position] = `*${words[position]}*`;
  }
  if (random() < 0.12) {
    const position = 1 + Math.floor(random() * (words.length - 3));
    if (plain(position) && plain(position + 1))
      words.splice(position, 2, `**${words[position]} ${words[position + 1]}**`);
  }
  const text = capitalise(words.join(' '));
  return { text: `${text}.`, words: text.split(' ').length };
}

function richParagraph(random: () => number, target: number, links: PlannedLink[]): { text: string; words: number } {
  const sentences: string[] = [];
  let words = 0;
  while (words < target) {
    const next = richSentence(random, links);
    sentences.push(next.text);
    words += next.words;
  }
  return { text: sentences.join(' '), words };
}

/** A list of three to five items, bulleted or numbered, after a line that leads into it. */
function richList(random: () => number, numbered: boolean): { text: string; words: number } {
  const lead = `${phrase(random, 3, 6)}:`;
  const items = Array.from({ length: 3 + Math.floor(random() * 3) }, (_, item) => {
    const words = draw(random, 4 + Math.floor(random() * 9));
    words[0] = capitalise(words[0]!);
    if (random() < 0.3) words[0] = `**${words[0]}**`;
    return `${numbered ? `${item + 1}.` : '-'} ${words.join(' ')}`;
  });
  return {
    text: `${lead}\n\n${items.join('\n')}`,
    words: lead.split(' ').length + items.reduce((sum, item) => sum + item.split(' ').length - 1, 0),
  };
}

function richQuote(random: () => number): { text: string; words: number } {
  const quote = capitalise(draw(random, 8 + Math.floor(random() * 12)).join(' '));
  const speaker = getRichAuthorName(Math.floor(random() * RICH_AUTHORS));
  const text = `„${quote}“, sagt ${speaker}.`;
  return { text: `> ${text}`, words: text.split(' ').length };
}

/**
 * The body of article `index`: a lead paragraph, then sections under `##` subheadings, of
 * paragraphs, a list in about half of them and a blockquote in about one in six; 500–900 words of
 * prose, as the plain paper's. Links not yet placed close the body as "Mehr zum Thema".
 */
function richBody(index: number, random: () => number): string {
  const links = planLinks(index, random);
  const target = 500 + Math.floor(random() * 330);
  const blocks: string[] = [];
  let written = 0;
  const add = (block: { text: string; words: number }): void => {
    blocks.push(block.text);
    written += block.words;
  };
  add(richParagraph(random, 40 + Math.floor(random() * 40), links));
  while (written < target) {
    const heading = phrase(random, 3, 6);
    add({ text: `## ${heading}`, words: heading.split(' ').length });
    const paragraphs = 1 + Math.floor(random() * 3);
    for (let count = 0; count < paragraphs && written < target; count++)
      add(richParagraph(random, Math.min(40 + Math.floor(random() * 70), Math.max(target - written, 8)), links));
    const extra = random();
    if (extra < 0.3) add(richList(random, false));
    else if (extra < 0.5) add(richList(random, true));
    else if (extra < 0.67) add(richQuote(random));
  }
  if (links.length > 0)
    blocks.push(
      `Mehr zum Thema: ${links.map((link) => `[${phrase(random, link.words, link.words)}](${link.url})`).join(', ')}.`,
    );
  return blocks.join('\n\n');
}

/** YAML for a line of free text: JSON's quoting is YAML's double-quoted style. */
const quoted = (text: string): string => JSON.stringify(text);

export function richArticleFile(index: number, random: () => number): SyntheticFile {
  const id = 6_000_000 + index;
  const day = getPublicationHour(index);
  const date = `${day.toISOString().slice(0, 10)} ${String(day.getUTCHours()).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}`;
  const topics = distinctSkewed(random, 2 + Math.floor(random() * 4), RICH_TOPICS, 2);
  const authors = distinctSkewed(random, 1 + Math.floor(random() * 3), RICH_AUTHORS, 1.5);
  const related =
    index > 3 && random() < 0.25
      ? [
          ...new Set(
            Array.from(
              { length: 1 + Math.floor(random() * 2) },
              () => index - 1 - Math.floor(random() * Math.min(index, LINK_WINDOW)),
            ),
          ),
        ].filter((target) => target !== BENCH_DELETED_ARTICLE)
      : [];
  const photographer = getRichAuthorName(Math.floor(random() * RICH_AUTHORS));
  const front = [
    '---',
    `id: ${id}`,
    `kicker: ${quoted(phrase(random, 2, 4))}`,
    `headline: ${quoted(phrase(random, 4, 9))}`,
    `teaser: ${quoted(`${phrase(random, 10, 22)}.`)}`,
    `date: ${date}`,
    `section: ${SECTIONS[index % SECTIONS.length]}`,
    `topics: [${topics.map((topic) => `thema-${topic}`).join(', ')}]`,
    `authors: [${authors.map((author) => `autor-${author}`).join(', ')}]`,
    `credits: [${random() < 0.2 ? 'taz, dpa' : 'taz'}]`,
    `dateline: ${pick(random, DATELINES)}`,
    'image:',
    `  src: ../../${getRichPictureFile(index)}`,
    `  alt: ${quoted(phrase(random, 4, 8))}`,
    `  caption: ${quoted(`${phrase(random, 6, 12)}.`)}`,
    `  credit: ${quoted(`Foto: ${photographer}/${pick(random, AGENCIES)}`)}`,
    ...(related.length ? [`related: [${related.map((target) => 6_000_000 + target).join(', ')}]`] : []),
    `comments: ${Math.floor(random() * 300)}`,
    '---',
  ];
  return { path: getArticlePath(index), text: `${front.join('\n')}\n${richBody(index, random)}\n` };
}

/**
 * The whole rich paper: settings (with the reader-support appeal), sections, 1,000 topics, 300
 * authors and `articles` articles, one file at a time, so a 100,000-article paper is never held
 * in memory.
 */
export function* generateRichPaper(articles: number, seed = 20261201): Generator<SyntheticFile> {
  const random = createRandom(seed);
  yield {
    path: 'site.yaml',
    text: [
      'title: Benchmark-Zeitung',
      'url: https://bench.example',
      'locale: de-DE',
      'timeZone: Europe/Berlin',
      'support:',
      '  heading: Unabhängiger Journalismus kostet Geld',
      '  text: Diese Zeitung ist frei zugänglich. Damit das so bleibt, unterstützen Sie uns.',
      '  label: Jetzt unterstützen',
      '  url: https://bench.example/unterstuetzen',
      '',
    ].join('\n'),
  };
  yield {
    path: 'sections.yaml',
    text: SECTIONS.map((id) => `- id: ${id}\n  name: ${capitalise(id)}`).join('\n') + '\n',
  };
  yield {
    path: 'topics.yaml',
    text:
      Array.from(
        { length: RICH_TOPICS },
        (_, index) =>
          `- id: thema-${index}\n  name: ${getRichTopicName(index)}${index % 5 === 0 ? `\n  description: ${quoted(`${phrase(random, 8, 14)}.`)}` : ''}`,
      ).join('\n') + '\n',
  };
  for (let index = 0; index < RICH_AUTHORS; index++) {
    yield {
      path: `authors/autor-${index}.yaml`,
      text: `name: ${getRichAuthorName(index)}\nrole: ${ROLES[index % ROLES.length]}\nbio: ${quoted(`${phrase(random, 12, 30)}.`)}\n`,
    };
  }
  for (let index = 0; index < articles; index++) yield richArticleFile(index, random);
}
