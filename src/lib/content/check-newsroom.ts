/**
 * Checks that hold across files: references resolve, ids and slugs are unique, images exist inside
 * the content folder, and no two things claim the same URL. Checks only: what a reference resolves
 * to is filled in by resolve-newsroom.ts.
 */
import path from 'node:path';
import { toSlashPath } from '../paths.ts';
import { getWallClockMs, parseWrittenTime, resolveWrittenTime } from './dates.ts';
import { getRouteWords } from '../site/i18n.ts';
import { SITE_FOLDERS } from '../site/urls.ts';
import { checkAliases } from './check-aliases.ts';
import type { ContentProblem } from './problems.ts';
import type { NewsroomRecords, SourceRecord } from './read-newsroom.ts';
import {
  locatePicture,
  resolvePicturePath,
  type FailedRead,
  type PictureRead,
  type RefusedPath,
} from './read-pictures.ts';

/** Largest picture accepted, in pixels: above any camera's (60 MP), far below what exhausts memory. */
export const MAX_IMAGE_PIXELS = 100_000_000;

function listKnown(ids: Iterable<string>): string {
  const all = [...ids].sort();
  if (all.length === 0) return 'none defined yet';
  const shown = all.slice(0, 12).join(', ');
  return all.length > 12 ? `${shown}, … ${all.length - 12} more` : shown;
}

export interface CheckContext {
  root: string;
  contentDir: string;
  /** Site paths of the files in `public/`, which aliases must not take over. */
  publicFiles: readonly string[];
  /** The build time, when known: an embargo far beyond it is probably a typo in the year. */
  now?: Date | undefined;
  /** What read-pictures.ts found for each picture the records name, by `resolvePicturePath`. */
  pictures: ReadonlyMap<string, PictureRead>;
}

/** An embargo further ahead than this gets a notice: it is more often a mistyped year than a plan. */
const FAR_EMBARGO_DAYS = 365;

/**
 * More than any offset from UTC a written time can have (written offsets are at most 14 hours,
 * zones' offsets, old local mean times included, less than a day): a time whose wall clock is
 * further from another than that is before or after it whatever the zone.
 */
const MAX_OFFSET_MS = 86_400_000;

const PATH_REFUSALS: Record<RefusedPath, (src: string) => string> = {
  'not-relative': (src) => `expected a path relative to this file (like "./bild.jpg"), found "${src}"`,
  outside: (src) => `expected an image inside the content folder, found "${src}", which points outside it`,
  'not-a-picture-name': (src) => `expected an image file (.jpg, .png, .webp, .avif, .gif, .svg), found "${src}"`,
};

const READ_FAILURES: Record<FailedRead, (src: string) => string> = {
  missing: (src) => `expected an existing image file, found no file at "${src}"`,
  folder: (src) => `expected an image file, found a folder at "${src}"`,
  unreadable: (src) => `expected a readable image file, found an error reading "${src}"`,
  'not-a-picture': (src) =>
    `expected a picture (JPEG, PNG, WebP, AVIF, GIF, TIFF or SVG), found a file at "${src}" that is none of these`,
};

/** Judges one picture reference by its path and by what read-pictures.ts found in the file. */
function checkImage(
  record: SourceRecord<unknown>,
  src: string,
  field: string[],
  context: CheckContext,
): ContentProblem | undefined {
  const problem = (message: string): ContentProblem => ({
    severity: 'error',
    file: record.file,
    line: record.locate(field),
    field: field.join('.'),
    message,
  });
  const located = locatePicture(record.file, src, context.root, context.contentDir);
  if (!located.ok) return problem(PATH_REFUSALS[located.refused](src));
  const read = context.pictures.get(resolvePicturePath(record.file, src));
  if (!read) return problem(READ_FAILURES.unreadable(src));
  if (!read.ok) return problem(READ_FAILURES[read.failure](src));
  const { width, height, format } = read.facts;
  const pixels = width * height;
  if (format !== 'svg' && pixels > MAX_IMAGE_PIXELS) {
    return problem(
      `expected a picture of at most ${MAX_IMAGE_PIXELS / 1e6} megapixels, found ${width} × ${height} (${Math.round(pixels / 1e6)} megapixels) at "${src}"; scale it down before publishing`,
    );
  }
  return undefined;
}

function findDuplicates<T>(
  records: readonly T[],
  keyOf: (record: T) => string | undefined,
): Map<string, T[]> {
  // Ten thousand keys and almost never a repeat: a group is made only for a key seen twice.
  const first = new Map<string, T>();
  const repeated = new Map<string, T[]>();
  for (const record of records) {
    const key = keyOf(record);
    if (key === undefined) continue;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, record);
    else {
      const group = repeated.get(key);
      if (group) group.push(record);
      else repeated.set(key, [seen, record]);
    }
  }
  if (repeated.size < 2) return repeated;
  // In the order of the keys' first records, as the problems were always reported.
  const ordered = new Map<string, T[]>();
  for (const key of first.keys()) {
    const group = repeated.get(key);
    if (group) ordered.set(key, group);
  }
  return ordered;
}

export async function checkNewsroom(records: NewsroomRecords, context: CheckContext): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  const error = (record: SourceRecord<unknown>, field: Array<string | number>, message: string): void => {
    const path = record.position === undefined ? field : [record.position, ...field];
    const label = path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index ? `.${part}` : part)).join('');
    problems.push({ severity: 'error', file: record.file, line: record.locate(field), field: label, message });
  };

  const sectionIds = new Set(records.sections.map((section) => section.id));
  const topicIds = new Set(records.topics.map((topic) => topic.id));
  const authorIds = new Set(records.authors.map((author) => author.id));
  const pageIds = new Set(records.pages.map((page) => page.id));
  const articleIds = new Set(records.articles.map((article) => article.data.id));

  for (const [label, list] of [['section', records.sections], ['topic', records.topics]] as const) {
    for (const [id, group] of findDuplicates<SourceRecord<unknown>>(list, (record) => record.id)) {
      for (const record of group.slice(1)) {
        error(record, ['id'], `expected each ${label} id once, found "${id}" again (first on line ${group[0]!.locate(['id'])})`);
      }
    }
  }

  for (const [id, group] of findDuplicates(records.articles, (article) => String(article.data.id))) {
    for (const article of group) {
      const others = group.filter((other) => other !== article).map((other) => other.file);
      error(article, ['id'], `expected a unique article id, found ${id}, which ${others.join(', ')} also uses`);
    }
  }
  for (const [slug, group] of findDuplicates(records.articles, (article) => article.slug)) {
    for (const article of group) {
      const others = group.filter((other) => other !== article).map((other) => other.file);
      const field = article.data.slug ? ['slug'] : [];
      problems.push({
        severity: 'error',
        file: article.file,
        line: field.length ? article.locate(field) : 1,
        field: 'slug',
        message: `expected a unique slug, found "${slug}", which ${others.join(', ')} also uses (set a different "slug" field)`,
      });
    }
  }

  // Sections and static pages share the first URL segment with each other, with route words and
  // with the folders the site fills itself (the text edition, the search index, assets).
  const words = getRouteWords(records.site.data.locale);
  const reserved = new Set([...Object.values(words), ...SITE_FOLDERS, '404']);
  for (const section of records.sections) {
    if (reserved.has(section.id) || /^\d+$/.test(section.id)) {
      error(section, ['id'], `expected a section id that is not a number or a reserved URL word (${[...reserved].join(', ')}), found "${section.id}"`);
    }
  }
  const sectionById = new Map(records.sections.map((section) => [section.id, section]));
  for (const page of records.pages) {
    const section = sectionById.get(page.id);
    const taker = section
      ? `the section "${page.id}" (${section.file}:${section.locate(['id'])})`
      : reserved.has(page.id)
        ? `the site's own /${page.id}/ (a reserved URL word: ${[...reserved].join(', ')})`
        : /^\d+$/.test(page.id)
          ? 'the date archive (a number)'
          : undefined;
    if (taker) {
      problems.push({
        severity: 'error',
        file: page.file,
        line: 1,
        message: `expected a page file name whose URL /${page.id}/ is free, found it taken by ${taker}; rename the file`,
      });
    }
  }
  // Page file names become URLs without their case or accents: Impressum.md and impressum.md meet.
  for (const [id, group] of findDuplicates(records.pages, (page) => page.id)) {
    for (const page of group) {
      const others = group.filter((other) => other !== page).map((other) => other.file);
      problems.push({
        severity: 'error',
        file: page.file,
        line: 1,
        message: `expected a page file name with a URL of its own, found /${id}/, which ${others.join(', ')} also becomes; rename one of them`,
      });
    }
  }
  problems.push(...checkAliases(records, { words, publicFiles: context.publicFiles }));

  const timeZone = records.site.data.timeZone;
  // A date before this day (written dates start with YYYY-MM-DD, and compare as text) is less
  // than a year ahead of the build in any zone.
  const embargoHorizon = context.now && new Date(context.now.getTime() + (FAR_EMBARGO_DAYS - 1) * 86_400_000 - 2 * MAX_OFFSET_MS).toISOString().slice(0, 10);
  for (const article of records.articles) {
    const data = article.data;
    if (data.date === undefined) {
      problems.push({ severity: 'warning', file: article.file, field: 'date', message: 'expected a publication date, found none; the article is shown undated and left out of the date archive' });
    } else if (context.now && !data.draft && data.date.slice(0, 10) >= embargoHorizon!) {
      // Only a date that may be far ahead is resolved in the paper's zone, which costs far more.
      const published = resolveWrittenTime(parseWrittenTime(data.date)!, timeZone);
      const days = (published.getTime() - context.now.getTime()) / 86_400_000;
      if (days > FAR_EMBARGO_DAYS) {
        problems.push({
          severity: 'warning',
          file: article.file,
          line: article.locate(['date']),
          field: 'date',
          message: `expected a publication date within a year of the build, found "${data.date}", ${Math.round(days)} days ahead; the article stays under embargo until then. Check the year`,
        });
      }
    }
    if (data.image && data.image.src === undefined) {
      problems.push({
        severity: 'warning',
        file: article.file,
        line: article.locate(['image']),
        field: 'image',
        message: 'expected a picture file for the caption, found none; the caption is kept but not shown. Add image.src and image.alt to show the picture',
      });
    }
    if (!sectionIds.has(data.section)) {
      error(article, ['section'], `no section "${data.section}" (known: ${listKnown(sectionIds)})`);
    }
    data.topics.forEach((topic, index) => {
      if (!topicIds.has(topic)) error(article, ['topics', index], `no topic "${topic}" (known: ${listKnown(topicIds)})`);
    });
    data.authors.forEach((author, index) => {
      if (typeof author === 'string' && !authorIds.has(author) && !records.present.authors.has(author)) error(article, ['authors', index], `no author "${author}" (known: ${listKnown(authorIds)})`);
    });
    data.related.forEach((id, index) => {
      if (typeof id !== 'number') return;
      if (id === data.id) error(article, ['related', index], `expected another article's id, found this article's own id ${id}`);
      else if (!articleIds.has(id) && !records.present.articles.has(id)) error(article, ['related', index], `no article with id ${id}`);
    });
    if (data.correction && !data.updated) {
      error(article, ['correction'], 'expected an "updated" time to go with the correction note, found none');
    }
    if (data.updated && data.date && getWallClockMs(parseWrittenTime(data.updated)!) - getWallClockMs(parseWrittenTime(data.date)!) < 2 * MAX_OFFSET_MS) {
      const published = resolveWrittenTime(parseWrittenTime(data.date)!, timeZone);
      const updated = resolveWrittenTime(parseWrittenTime(data.updated)!, timeZone);
      if (updated < published) error(article, ['updated'], `expected a time after the publication date ${data.date}, found "${data.updated}"`);
    }
    if (data.image?.src !== undefined) {
      const found = checkImage(article, data.image.src, ['image', 'src'], context);
      if (found) problems.push(found);
    }
  }

  for (const author of records.authors) {
    if (author.data.image) {
      const found = checkImage(author, author.data.image, ['image'], context);
      if (found) problems.push(found);
    }
  }

  records.site.data.navigation?.forEach((item, index) => {
    const site = records.site;
    if ('section' in item && !sectionIds.has(item.section)) error(site, ['navigation', index, 'section'], `no section "${item.section}" (known: ${listKnown(sectionIds)})`);
    if ('topic' in item && !topicIds.has(item.topic)) error(site, ['navigation', index, 'topic'], `no topic "${item.topic}" (known: ${listKnown(topicIds)})`);
    if ('page' in item && !pageIds.has(item.page)) error(site, ['navigation', index, 'page'], `no page "${item.page}" (known: ${listKnown(pageIds)})`);
  });

  if (records.sections.length === 0) {
    problems.push({ severity: 'error', file: toSlashPath(context.root, path.join(context.contentDir, 'sections.yaml')), message: 'expected at least one section, found none' });
  }
  return problems;
}
