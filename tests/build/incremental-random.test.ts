/**
 * The oracle, randomized: fast-check draws sequences of one to four edits of the kinds
 * incremental.test.ts makes one at a time, applies them to a copy of the basic fixture's content,
 * rebuilds incrementally — with `npm run build` in even runs, in odd ones by one `npm run watch`
 * kept up across them — and compares the published site with a cold build
 * of the same content at the same build time (tests/helpers/oracle.ts). Each sequence continues
 * from the paper the last one left, so later sequences edit a paper already changed in many ways,
 * into one long-lived output; the edits keep the paper valid, as an editor's would.
 *
 * Run k always includes an edit of kind k (modulo the number of kinds), at a drawn place with drawn
 * values, so that the runs cover every kind whatever the seed. Because the runs build on each
 * other, a failure is replayed by running the file again with the same seed (fast-check's `path`
 * would start from a paper the earlier runs never made); shrinking is off for the same reason.
 *
 *   DEPESCHE_ORACLE_SEED=<n>   another seed (the default is fixed, so CI runs the same edits)
 *   DEPESCHE_ORACLE_RUNS=<n>   more (or fewer) sequences than 25
 *
 * A sequence costs an incremental and a cold build, 10 to 20 seconds on two busy cores: the 25
 * take five to six minutes, and the summary printed at the end says where the time went.
 */
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, parseDocument } from 'yaml';
import { formatIsoWithOffset, parsePublicationTime } from '../../src/lib/content/dates.ts';
import { listFilesBelow } from '../../src/lib/paths.ts';
import { Oracle } from '../helpers/oracle.ts';

const SEED = Number(process.env['DEPESCHE_ORACLE_SEED'] ?? 11_2026);
const RUNS = Number(process.env['DEPESCHE_ORACLE_RUNS'] ?? 25);
/** The basic fixture's time zone (site.yaml), in which written dates are read. */
const TIME_ZONE = 'Europe/Berlin';
/** At this many articles, a deletion adds one first: the paper keeps lists to page through. */
const FEWEST_ARTICLES = 3;

const KINDS = [
  'body edited',
  'headline edited',
  'article added',
  'article deleted',
  'article moved to another section',
  'topic added to the paper and an article',
  'topic renamed',
  'related link added or removed',
  'article loses or gets a date',
  'author bio edited',
  'author renamed',
  'page body edited',
  'site tagline edited',
  'embargo reached',
  'picture replaced',
] as const;
type Kind = (typeof KINDS)[number];

/**
 * One edit, as fast-check draws it: the values are drawn before the paper they apply to is known,
 * so `pick` and `other` choose among what there is when the edit is made (modulo its count).
 */
interface Edit {
  kind: Kind;
  /** Which article, author, topic or page is edited. */
  pick: number;
  /** A second choice: the section moved to, the article linked, which paragraph, which topics… */
  other: number;
  /** The words of the new text. */
  words: string[];
  /** For a date the edit writes: hours from the build time (negative: the past). */
  hours: number;
}

const VOCABULARY = [
  'Bürger',
  'Straße',
  'Rathaus',
  'Haushalt',
  'Öffnung',
  'Gemeinderat',
  'Wahl',
  'Mieten',
  'Wärme',
  'Schule',
  'Bahn',
  'Klima',
  'Stadt',
  'Bündnis',
  'Streik',
  'Übergang',
  'Zukunft',
  'Netz',
  'Preise',
  'Rente',
  'Ärzte',
  'Fußball',
  'Hafen',
  'Grüße',
  'und',
  'über',
  'für',
  'gegen',
  'ohne',
  '–',
  '&',
  '„Wende“',
  "O'Brien",
  '<b>',
];

const editValues = {
  pick: fc.nat(),
  other: fc.nat(),
  words: fc.array(fc.constantFrom(...VOCABULARY), { minLength: 2, maxLength: 6 }),
  // Mostly the past (up to a year and a half back, which opens archive years), sometimes the
  // next two days: an embargo for a later "embargo reached".
  hours: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -13_000, max: -1 }) }, fc.integer({ min: 1, max: 48 })),
};
const editArbitrary: fc.Arbitrary<Edit> = fc.record({ kind: fc.constantFrom(...KINDS), ...editValues });

/** A run's edits: the kind it must include (filled in by run number), and up to three drawn freely. */
const sequenceArbitrary = fc.record({
  featured: fc.record(editValues),
  at: fc.nat(3),
  more: fc.array(editArbitrary, { maxLength: 3 }),
});

// --- The paper as files -------------------------------------------------------------------------

let oracle: Oracle;
/** Counters for what edits create (and for names kept apart); they go on across runs, as the paper does. */
const created = { id: 5_300_000, article: 0, topic: 0, picture: 0, name: 0 };

const contentPath = (file: string): string => path.join(oracle.content, file);

interface MarkdownFile {
  /** Relative to the content folder. */
  file: string;
  front: Document;
  body: string;
}

async function readMarkdown(file: string): Promise<MarkdownFile> {
  const text = await readFile(contentPath(file), 'utf8');
  const match = /^---\n([\s\S]*?\n)---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file} has no front matter the test can edit.`);
  return { file, front: parseDocument(match[1]!), body: match[2]! };
}

async function writeMarkdown({ file, front, body }: MarkdownFile): Promise<void> {
  await mkdir(path.dirname(contentPath(file)), { recursive: true });
  await writeFile(contentPath(file), `---\n${front.toString({ lineWidth: 0 })}---\n${body}`);
}

async function editYaml(file: string, change: (document: Document) => void): Promise<void> {
  const document = parseDocument(await readFile(contentPath(file), 'utf8'));
  change(document);
  await writeFile(contentPath(file), document.toString({ lineWidth: 0 }));
}

async function readYaml<T>(file: string): Promise<T> {
  return parseDocument(await readFile(contentPath(file), 'utf8')).toJS() as T;
}

async function listContent(folder: string, extension: string): Promise<string[]> {
  const files = await listFilesBelow(contentPath(folder)).catch(() => [] as string[]);
  return files.filter((file) => file.endsWith(extension)).map((file) => `${folder}/${file}`);
}

interface ArticleData {
  id: number;
  date?: string;
  updated?: string;
  draft?: boolean;
  section: string;
  topics?: string[];
  related?: Array<number | object>;
  image?: { src?: string };
}

async function readArticles(): Promise<Array<MarkdownFile & { data: ArticleData }>> {
  const files = await listContent('articles', '.md');
  return Promise.all(
    files.map(async (file) => {
      const article = await readMarkdown(file);
      return { ...article, data: article.front.toJS() as ArticleData };
    }),
  );
}

const choose = <T>(items: readonly T[], index: number): T => {
  if (items.length === 0) throw new Error('The edit has nothing to choose from.');
  return items[index % items.length]!;
};

const sentence = (words: readonly string[]): string => {
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
};

/** A list written as `[a, b]`, as editors write them in front matter. */
const flowList = (document: Document, items: unknown[]): unknown => document.createNode(items, { flow: true });

/** The build time plus `hours`, written as an editor would: local time, or ISO 8601 with offset. */
function writtenTime(hours: number): string {
  const time = new Date(new Date(oracle.now).getTime() + hours * 3_600_000);
  time.setUTCMinutes((Math.abs(hours) % 4) * 15, 0, 0);
  const iso = formatIsoWithOffset(time, TIME_ZONE);
  return hours % 2 === 0 ? iso : iso.slice(0, 16).replace('T', ' ');
}

async function makePicture(edit: Edit): Promise<Buffer> {
  const value = (shift: number): number => (edit.other >> shift) & 0xff;
  return sharp({
    create: {
      width: 40 + (edit.pick % 400),
      height: 30 + (edit.other % 300),
      channels: 3,
      background: { r: value(0), g: value(8), b: value(16) },
    },
  })
    .jpeg()
    .toBuffer();
}

/** A picture's path in the content folder, from the file that names it. */
const resolvePicture = (from: string, src: string): string => path.posix.join(path.posix.dirname(from), src);

// --- The edits ----------------------------------------------------------------------------------

async function addArticle(edit: Edit): Promise<string> {
  const sections = (await readYaml<Array<{ id: string }>>('sections.yaml')).map((section) => section.id);
  const topics = (await readYaml<Array<{ id: string }>>('topics.yaml')).map((topic) => topic.id);
  const authors = (await listContent('authors', '.yaml')).map((file) => path.basename(file, '.yaml'));
  const slug = `meldung-${++created.article}`;
  const file = `articles/neu/${slug}.md`;
  const front = new Document({
    id: ++created.id,
    ...(edit.other % 3 === 0 && { kicker: sentence(edit.words.slice(0, 2)) }),
    headline: sentence(edit.words),
    teaser: `${sentence([...edit.words].reverse())}.`,
    date: writtenTime(edit.hours),
    section: choose(sections, edit.other),
    ...(edit.other % 4 === 1 && { image: { src: '../../images/server.jpg', alt: sentence(edit.words) } }),
    ...(edit.other % 5 === 2 && { comments: edit.pick % 200 }),
  });
  // Bits of `pick` choose the topics and authors, so an article may have none, one or several.
  const chosen = <T>(items: T[], firstBit: number): T[] =>
    items.filter((_, index) => (edit.pick >> (firstBit + index)) & 1);
  front.set('topics', flowList(front, chosen(topics, 0)));
  front.set('authors', flowList(front, chosen(authors, 8)));
  await writeMarkdown({ file, front, body: `${sentence(edit.words)}.\n` });
  return `added ${file}, dated ${String(front.get('date'))}`;
}

async function apply(edit: Edit): Promise<string> {
  const articles = await readArticles();
  const article = choose(articles, edit.pick);
  switch (edit.kind) {
    case 'body edited': {
      const paragraphs = article.body.trimEnd().split('\n\n');
      if (edit.other % 2 === 0 || paragraphs.length === 1) paragraphs.push(`${sentence(edit.words)}.`);
      else paragraphs[paragraphs.length - 1] = `${sentence(edit.words)}.`;
      await writeMarkdown({ ...article, body: `${paragraphs.join('\n\n')}\n` });
      return `body of ${article.file}`;
    }
    case 'headline edited': {
      article.front.set('headline', sentence(edit.words));
      await writeMarkdown(article);
      return `headline of ${article.file}: ${sentence(edit.words)}`;
    }
    case 'article added':
      return addArticle(edit);
    case 'article deleted': {
      const added = articles.length <= FEWEST_ARTICLES ? `${await addArticle(edit)}, then ` : '';
      await rm(contentPath(article.file));
      // An editor deleting an article takes it out of the related lists that name it.
      for (const other of articles)
        if (other !== article && other.data.related?.includes(article.data.id)) {
          other.front.set(
            'related',
            flowList(
              other.front,
              other.data.related.filter((id) => id !== article.data.id),
            ),
          );
          await writeMarkdown(other);
        }
      return `${added}deleted ${article.file}`;
    }
    case 'article moved to another section': {
      const sections = (await readYaml<Array<{ id: string }>>('sections.yaml')).map((section) => section.id);
      const others = sections.filter((id) => id !== article.data.section);
      const section = choose(others, edit.other);
      article.front.set('section', section);
      await writeMarkdown(article);
      return `${article.file} moved to ${section}`;
    }
    case 'topic added to the paper and an article': {
      const id = `thema-${++created.topic}`;
      const name = sentence(edit.words.slice(0, 3));
      await editYaml('topics.yaml', (document) => document.add(document.createNode({ id, name })));
      article.front.set('topics', flowList(article.front, [...(article.data.topics ?? []), id]));
      await writeMarkdown(article);
      return `topic ${id} "${name}" added, to ${article.file}`;
    }
    case 'topic renamed': {
      const topics = await readYaml<Array<{ id: string; name: string }>>('topics.yaml');
      const index = edit.pick % topics.length;
      const name = `${sentence(edit.words.slice(0, 3))} ${++created.name}`;
      await editYaml('topics.yaml', (document) => document.setIn([index, 'name'], name));
      return `topic ${topics[index]!.id} renamed "${name}"`;
    }
    case 'related link added or removed': {
      const related = article.data.related ?? [];
      const candidates = articles
        .filter((other) => other !== article && !related.includes(other.data.id))
        .map((other) => other.data.id);
      if (related.length > 0 && (edit.other % 2 === 1 || candidates.length === 0)) {
        const gone = choose(related, edit.other);
        article.front.set(
          'related',
          flowList(
            article.front,
            related.filter((item) => item !== gone),
          ),
        );
        await writeMarkdown(article);
        return `related ${JSON.stringify(gone)} removed from ${article.file}`;
      }
      const id = choose(candidates, edit.other);
      article.front.set('related', flowList(article.front, [...related, id]));
      await writeMarkdown(article);
      return `related ${id} added to ${article.file}`;
    }
    case 'article loses or gets a date': {
      if (article.data.date !== undefined) {
        article.front.delete('date');
        await writeMarkdown(article);
        return `${article.file} undated`;
      }
      // An update must not come before the publication: an article updated is dated at its update.
      const date = article.data.updated ?? writtenTime(edit.hours);
      article.front.set('date', date);
      await writeMarkdown(article);
      return `${article.file} dated ${date}`;
    }
    case 'author bio edited':
    case 'author renamed': {
      const authors = await listContent('authors', '.yaml');
      const file = choose(authors, edit.pick);
      // Two authors of one name would be one byline: the count keeps names apart.
      const value =
        edit.kind === 'author renamed'
          ? `${sentence(edit.words.slice(0, 2))} ${++created.name}`
          : `${sentence(edit.words)}.`;
      await editYaml(file, (document) => document.set(edit.kind === 'author renamed' ? 'name' : 'bio', value));
      return `${edit.kind === 'author renamed' ? 'name' : 'bio'} of ${file}: ${value}`;
    }
    case 'page body edited': {
      const page = await readMarkdown(choose(await listContent('pages', '.md'), edit.pick));
      await writeMarkdown({ ...page, body: `${sentence(edit.words)}.\n` });
      return `body of ${page.file}`;
    }
    case 'site tagline edited': {
      await editYaml('site.yaml', (document) => document.set('tagline', sentence(edit.words)));
      return `tagline: ${sentence(edit.words)}`;
    }
    case 'embargo reached': {
      const now = new Date(oracle.now);
      const embargoes = articles
        .filter((item) => !item.data.draft && item.data.date !== undefined)
        .map((item) => ({ file: item.file, at: parsePublicationTime(item.data.date!, TIME_ZONE)! }))
        .filter(({ at }) => at > now)
        .sort((a, b) => a.at.getTime() - b.at.getTime());
      const first = embargoes[0];
      // Past the first embargo by up to two hours; with none, the clock simply moves on.
      const next = first
        ? new Date(first.at.getTime() + (1 + (edit.other % 120)) * 60_000)
        : new Date(now.getTime() + (1 + (edit.other % 48)) * 3_600_000);
      oracle.now = next.toISOString();
      return first ? `build time ${oracle.now}, past the embargo of ${first.file}` : `build time ${oracle.now}`;
    }
    case 'picture replaced': {
      // Mostly a picture an article shows gets new bytes under its old name; sometimes an
      // author's portrait; sometimes an article gets a new picture.
      const pictures = articles
        .filter((item) => item.data.image?.src !== undefined)
        .map((item) => resolvePicture(item.file, item.data.image!.src!));
      const portraits: string[] = [];
      for (const file of await listContent('authors', '.yaml')) {
        const image = (await readYaml<{ image?: string }>(file)).image;
        if (image) portraits.push(resolvePicture(file, image));
      }
      const mode = edit.other % 4;
      const replaced = mode === 3 && portraits.length > 0 ? portraits : mode !== 0 ? pictures : [];
      const bytes = await makePicture(edit);
      if (replaced.length > 0) {
        const picture = choose([...new Set(replaced)].sort(), edit.pick);
        await writeFile(contentPath(picture), bytes);
        return `picture ${picture} replaced`;
      }
      const picture = `images/bild-${++created.picture}.jpg`;
      await writeFile(contentPath(picture), bytes);
      article.front.set('image', {
        src: path.posix.relative(path.posix.dirname(article.file), picture),
        alt: sentence(edit.words),
      });
      await writeMarkdown(article);
      return `new picture ${picture} for ${article.file}`;
    }
  }
}

// --- The property -------------------------------------------------------------------------------

interface RunRecord {
  /** Published by `npm run build`, or by the `npm run watch` kept up across the odd runs. */
  mode: 'build' | 'watch';
  edits: string[];
  rendered: number;
  pages: number;
  incrementalSeconds: number;
  coldSeconds: number;
}

const runs: RunRecord[] = [];
const appliedKinds = new Set<Kind>();
let started = 0;

beforeAll(async () => {
  started = performance.now();
  oracle = await Oracle.create('basic');
  await oracle.rebuild();
});

afterAll(async () => {
  const total = (performance.now() - started) / 1000;
  const sum = (pick: (run: RunRecord) => number): number => runs.reduce((all, run) => all + pick(run), 0);
  console.log(
    [
      `Random oracle, seed ${SEED}: ${runs.length} sequences, ${sum((run) => run.edits.length)} edits, ${total.toFixed(0)} s in all`,
      `(incremental builds ${sum((run) => run.incrementalSeconds).toFixed(0)} s, cold builds and comparisons ${sum((run) => run.coldSeconds).toFixed(0)} s).`,
      ...runs.map(
        (run, index) =>
          `  ${index} (${run.mode}): ${run.rendered} of ${run.pages} pages rendered, ${run.incrementalSeconds.toFixed(1)} s + ${run.coldSeconds.toFixed(1)} s; ${run.edits.join('; ')}`,
      ),
    ].join('\n'),
  );
  await oracle.remove();
});

describe('an incremental build', () => {
  it(
    `equals a cold build after each of ${RUNS} random sequences of one to four edits of every kind`,
    async () => {
      await fc.assert(
        fc.asyncProperty(sequenceArbitrary, async ({ featured, at, more }) => {
          const run = runs.length;
          const edits: Edit[] = [...more];
          edits.splice(at % (more.length + 1), 0, { ...featured, kind: KINDS[run % KINDS.length]! });
          // Odd runs are published by one long-lived watcher, even ones by `npm run build`: the
          // watcher then finds its memory of the last publish outdated by a build beside it.
          const inWatch = run % 2 === 1;
          const record: RunRecord = {
            mode: inWatch ? 'watch' : 'build',
            edits: [],
            rendered: 0,
            pages: 0,
            incrementalSeconds: 0,
            coldSeconds: 0,
          };
          runs.push(record);
          for (const edit of edits) {
            record.edits.push(`${edit.kind}: ${await apply(edit)}`);
            appliedKinds.add(edit.kind);
          }
          let time = performance.now();
          const result = await oracle.rebuild(inWatch);
          record.incrementalSeconds = (performance.now() - time) / 1000;
          record.rendered = result.rendered.length;
          record.pages = result.pages.length;
          time = performance.now();
          const differences = await oracle.diffWithColdBuild(result);
          record.coldSeconds = (performance.now() - time) / 1000;
          expect(
            differences,
            `Sequence ${run} of seed ${SEED} (build time ${oracle.now}) left pages unlike a cold build's. ` +
              `Its edits: ${record.edits.join('; ')}. The earlier ones: ${runs
                .slice(0, run)
                .flatMap((earlier) => earlier.edits)
                .join('; ')}. Replay: DEPESCHE_ORACLE_SEED=${SEED} on this file (the whole run, from the start).`,
          ).toEqual([]);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      // Every kind, when there are runs enough for each to be featured once.
      expect(KINDS.slice(0, RUNS).filter((kind) => !appliedKinds.has(kind))).toEqual([]);
      // Incremental for real: a sequence that re-rendered every page would prove nothing.
      expect(runs.filter((run) => run.rendered < run.pages).length).toBeGreaterThan(RUNS / 2);
    },
    RUNS * 120_000,
  );
});
