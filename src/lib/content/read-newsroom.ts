/**
 * Reads a newsroom's whole `content/` folder, validates every file against its schema and every
 * reference across files, and returns all problems of the run at once. Runs in Node without
 * Astro, so tests can feed it fixture folders directly.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { hashBytes } from '../hash.ts';
import { toSlashPath } from '../paths.ts';
import type { z } from 'astro/zod';
import { createArticleSchema, type ArticleData, type GuestAuthor, type RelatedHeadline } from '../../schemas/article.ts';
import { createAuthorSchema, type AuthorData } from '../../schemas/author.ts';
import { imagePath } from '../../schemas/fields.ts';
import { pageSchema, type PageData } from '../../schemas/page.ts';
import { sectionSchema, type SectionData } from '../../schemas/section.ts';
import { siteSchema, type SiteData } from '../../schemas/site.ts';
import { topicSchema, type TopicData } from '../../schemas/topic.ts';
import { slugify } from './slugs.ts';
import { decodeText } from './decode-text.ts';
import { findArticleFormat } from './formats/index.ts';
import { parseYaml, readFrontMatter } from './front-matter.ts';
import type { ContentProblem } from './problems.ts';
import { checkNewsroom } from './check-newsroom.ts';
import { resolveNewsroom } from './resolve-newsroom.ts';
import { ARTICLE_LIST_FIELDS, findRepeatedItems } from './find-repeated-items.ts';
import { validateEntry, type EntryLocation } from './validate-entry.ts';

export interface SourceRecord<T> extends EntryLocation {
  /** Id within its collection. */
  id: string;
  /** Validated data. */
  data: T;
  /** The data as written, before defaults; what Astro's `parseData` is given. */
  raw: Record<string, unknown>;
  /** Hash of the file's bytes (of the item, for list files), for change detection. */
  digest: string;
  /** Position in a list file (sections.yaml, topics.yaml); messages name fields as `[1].id`. */
  position?: number;
}

export interface ArticleRecord extends SourceRecord<ArticleData> {
  /** URL name: the `slug` field, or the file name made URL-safe. */
  slug: string;
  /** Markdown body. */
  body: string;
  bodyLine: number;
  /** Name of the file format the article was read from. */
  format: string;
  /** `authors` with names matched to author ids where the paper knows the person. */
  bylines: Array<string | GuestAuthor>;
  /** `related` with headlines matched to article ids where the article is in the paper. */
  relatedResolved: Array<number | RelatedHeadline>;
}

export interface PageRecord extends SourceRecord<PageData> {
  body: string;
}

export interface NewsroomRecords {
  /**
   * Ids of every author and article file found, valid or not, so that a reference to an entry
   * whose own file has errors is not reported a second time as unknown.
   */
  present: { authors: Set<string>; articles: Set<number> };
  site: SourceRecord<SiteData>;
  sections: SourceRecord<SectionData>[];
  topics: SourceRecord<TopicData>[];
  authors: SourceRecord<AuthorData>[];
  pages: PageRecord[];
  articles: ArticleRecord[];
}

export interface ReadNewsroomOptions {
  /** Project root; file names in messages are relative to it. */
  root: string;
  /** The content folder, absolute or relative to `root`. */
  contentDir: string;
  /** The build time, for notices about embargoes; without it, none are given. */
  now?: Date | undefined;
}

export interface ReadNewsroomResult {
  /** Present when there are no errors. */
  records?: NewsroomRecords;
  /** Errors and warnings, all of them. */
  problems: ContentProblem[];
}

/** Largest content file read; anything larger is refused with a message instead of read into memory. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.avif', '.gif', '.svg', '.tif', '.tiff'];
const isImageFile = (file: string): boolean => IMAGE_EXTENSIONS.some((ext) => file.toLowerCase().endsWith(ext));

// Image files are checked by check-newsroom, so validation only needs the path as written.
const articleSchema = createArticleSchema(imagePath);
const authorSchema = createAuthorSchema(imagePath);


interface TextFile {
  file: string;
  absolute: string;
  text: string;
  digest: string;
}

/**
 * Reads a content file as UTF-8 text. A missing file is an error only when `required` says what
 * the file should hold; otherwise it is simply absent.
 */
async function readText(
  absolute: string,
  root: string,
  problems: ContentProblem[],
  required?: string,
  legacy = false,
): Promise<TextFile | undefined> {
  const file = toContentPath(absolute, root);
  let bytes: Buffer;
  try {
    const info = await stat(absolute);
    if (info.size > MAX_FILE_BYTES) {
      problems.push({
        severity: 'error',
        file,
        message: `expected a file under ${MAX_FILE_BYTES / 1024 / 1024} MB, found ${(info.size / 1024 / 1024).toFixed(1)} MB`,
      });
      return undefined;
    }
    bytes = await readFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    if (code === 'ENOENT') {
      if (required) problems.push({ severity: 'error', file, message: `expected ${required}, found no such file` });
      return undefined;
    }
    problems.push({ severity: 'error', file, message: `expected a readable file, found an error reading it (${code})` });
    return undefined;
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = bytes.subarray(0, nul).toString('latin1').split('\n').length;
    problems.push({ severity: 'error', file, line, message: 'expected text, found a NUL byte (is this a binary file?)' });
    return undefined;
  }
  const decoded = decodeText(bytes, legacy);
  if (!decoded || (decoded.firstInvalidLine !== undefined && !decoded.legacyEncoding)) {
    problems.push({
      severity: 'error',
      file,
      line: decoded?.firstInvalidLine,
      message: 'expected UTF-8 text, found bytes that are not UTF-8 (save the file as UTF-8)',
    });
    return undefined;
  }
  if (decoded.legacyEncoding) {
    problems.push({
      severity: 'warning',
      file,
      line: decoded.firstInvalidLine,
      message: 'expected UTF-8 text, found bytes that are not UTF-8; the file was read as Windows-1252 (Latin-1). Save it as UTF-8 to silence this',
    });
  }
  return { file, absolute, text: decoded.text, digest: hashBytes(bytes, 16) };
}

/** Files an operating system or version control leaves in folders; never content, never reported. */
const SYSTEM_FILES = new Set(['.DS_Store', '.git', '.gitkeep', '.gitignore', '.gitattributes', '.keep', 'Thumbs.db', 'desktop.ini']);

const toContentPath = (absolute: string, root: string): string => toSlashPath(root, absolute);

/**
 * Files below `dir`, sorted. A symbolic link to a folder is not followed — a link loop would never
 * end — and is reported, since the articles behind it would otherwise vanish without a word. A
 * link to a file is read like the file. Hidden files and folders are not read, but named in a
 * warning: an editor's `.entwurf.md` would otherwise vanish without a word.
 */
async function listFiles(dir: string, root: string, problems: ContentProblem[]): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (SYSTEM_FILES.has(entry.name) || entry.name.startsWith('._')) continue;
    const full = path.join(dir, entry.name);
    if (entry.name.startsWith('.')) {
      problems.push({
        severity: 'warning',
        file: toContentPath(full, root),
        message: `expected a visible ${entry.isDirectory() ? 'folder' : 'file'}, found a hidden one (its name starts with "."); it was not read. Rename it without the dot to publish it`,
      });
      continue;
    }
    if (entry.isDirectory()) files.push(...(await listFiles(full, root, problems)));
    else if (entry.isFile()) files.push(full);
    else if (entry.isSymbolicLink()) {
      const target = await stat(full).catch(() => undefined);
      if (target?.isFile()) files.push(full);
      else {
        problems.push({
          severity: 'error',
          file: toContentPath(full, root),
          message: target
            ? 'expected a file or a folder, found a symbolic link to a folder; links to folders are not followed (a link loop would never end). Move the files here instead'
            : 'expected a file or a folder, found a symbolic link that leads nowhere (or in a circle)',
        });
      }
    }
  }
  return files;
}

/** The file name without its extension, in NFC: macOS may hand over `über.md` decomposed. */
function stem(file: string): string {
  return path.basename(file).normalize('NFC').replace(/\.[^.]+$/, '');
}

function warnNotRead(problems: ContentProblem[], absolute: string, root: string, expected: string): void {
  problems.push({ severity: 'warning', file: toContentPath(absolute, root), message: `expected ${expected}, found another kind of file; it was not read` });
}

/** What may stand at the top of the content folder; anything else is named in a warning. */
const CONTENT_ENTRIES = new Set(['site.yaml', 'sections.yaml', 'topics.yaml', 'authors', 'pages', 'articles', 'images']);

async function warnUnknownEntries(contentDir: string, root: string, problems: ContentProblem[]): Promise<void> {
  const entries = await readdir(contentDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (CONTENT_ENTRIES.has(entry.name) || SYSTEM_FILES.has(entry.name) || entry.name.startsWith('._')) continue;
    problems.push({
      severity: 'warning',
      file: toContentPath(path.join(contentDir, entry.name), root),
      message: `expected only ${[...CONTENT_ENTRIES].join(', ')} at the top of the content folder, found "${entry.name}"; it was not read. Articles belong in articles/, pictures in images/`,
    });
  }
}

async function readList<T>(
  absolute: string,
  root: string,
  schema: z.ZodType<T>,
  problems: ContentProblem[],
  label: string,
  required: boolean,
): Promise<SourceRecord<T>[]> {
  const source = await readText(absolute, root, problems, required ? `the list of ${label}` : undefined);
  if (!source) return [];
  const yaml = parseYaml(source.text, source.file);
  problems.push(...yaml.problems);
  if (yaml.problems.length) return [];
  if (!Array.isArray(yaml.value)) {
    problems.push({
      severity: 'error',
      file: source.file,
      line: 1,
      message: `expected a list of ${label} ("- id: …" items), found ${yaml.value === undefined || yaml.value === null ? 'an empty file' : 'something else'}`,
    });
    return [];
  }
  const records: SourceRecord<T>[] = [];
  yaml.value.forEach((item: unknown, index: number) => {
    const where = { file: source.file, locate: (p: ReadonlyArray<PropertyKey>) => yaml.locate([index, ...p]) };
    const result = validateEntry(schema, item, where);
    if (!result.ok) {
      problems.push(...result.problems.map((problem) => ({ ...problem, field: `[${index}]${problem.field ? `.${problem.field}` : ''}` })));
      return;
    }
    const data = result.value as T & { id: string };
    records.push({ ...where, id: data.id, data, raw: item as Record<string, unknown>, digest: hashBytes(JSON.stringify(item), 16), position: index });
  });
  return records;
}

/** Site paths of the files Astro copies from `public/` to the site's root. */
async function listPublicFiles(publicDir: string): Promise<string[]> {
  const entries = await readdir(publicDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => `/${toSlashPath(publicDir, path.join(entry.parentPath, entry.name))}`);
}

/** Reads and checks the whole newsroom. Never throws for bad content: every problem is returned. */
export async function readNewsroom(options: ReadNewsroomOptions): Promise<ReadNewsroomResult> {
  const root = path.resolve(options.root);
  const contentDir = path.resolve(root, options.contentDir);
  const problems: ContentProblem[] = [];
  await warnUnknownEntries(contentDir, root, problems);

  const siteFile = path.join(contentDir, 'site.yaml');
  const siteSource = await readText(siteFile, root, problems, 'the site settings file (title, url, locale, timeZone …)');
  let site: SourceRecord<SiteData> | undefined;
  if (siteSource) {
    const yaml = parseYaml(siteSource.text, siteSource.file);
    problems.push(...yaml.problems);
    if (!yaml.problems.length) {
      const where = { file: siteSource.file, locate: yaml.locate };
      const result = validateEntry(siteSchema, yaml.value ?? {}, where);
      if (result.ok) site = { ...where, id: 'site', data: result.value, raw: yaml.value as Record<string, unknown>, digest: siteSource.digest };
      else problems.push(...result.problems);
    }
  }

  const sections = await readList(path.join(contentDir, 'sections.yaml'), root, sectionSchema, problems, 'sections', true);
  const topics = await readList(path.join(contentDir, 'topics.yaml'), root, topicSchema, problems, 'topics', false);

  const present = { authors: new Set<string>(), articles: new Set<number>() };
  const authors: SourceRecord<AuthorData>[] = [];
  for (const absolute of await listFiles(path.join(contentDir, 'authors'), root, problems)) {
    if (!/\.ya?ml$/i.test(absolute)) {
      if (!isImageFile(absolute)) warnNotRead(problems, absolute, root, 'an author file (.yaml) or a portrait');
      continue;
    }
    present.authors.add(stem(absolute));
    const source = await readText(absolute, root, problems);
    if (!source) continue;
    const yaml = parseYaml(source.text, source.file);
    problems.push(...yaml.problems);
    if (yaml.problems.length) continue;
    const where = { file: source.file, locate: yaml.locate };
    const result = validateEntry(authorSchema, yaml.value ?? {}, where);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    authors.push({ ...where, id: stem(absolute), data: result.value, raw: yaml.value as Record<string, unknown>, digest: source.digest });
  }

  const pages: PageRecord[] = [];
  for (const absolute of await listFiles(path.join(contentDir, 'pages'), root, problems)) {
    if (!absolute.toLowerCase().endsWith('.md')) {
      if (!isImageFile(absolute)) warnNotRead(problems, absolute, root, 'a page file (.md) or a picture');
      continue;
    }
    const source = await readText(absolute, root, problems);
    if (!source) continue;
    const parsed = readFrontMatter(source.text, source.file);
    problems.push(...parsed.problems);
    if (parsed.problems.length) continue;
    const where = { file: source.file, locate: parsed.locate };
    const result = validateEntry(pageSchema, parsed.data, where);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    pages.push({ ...where, id: slugify(stem(absolute)), data: result.value, raw: parsed.data, digest: source.digest, body: parsed.body });
  }

  const articles: ArticleRecord[] = [];
  for (const absolute of await listFiles(path.join(contentDir, 'articles'), root, problems)) {
    const format = findArticleFormat(absolute);
    if (!format) {
      if (!isImageFile(absolute)) warnNotRead(problems, absolute, root, 'an article file (.md, .txt) or an image');
      continue;
    }
    const source = await readText(absolute, root, problems, undefined, format.legacyEncodings);
    if (!source) continue;
    const read = format.read(source.text, source.file);
    if (typeof read.data['id'] === 'number') present.articles.add(read.data['id']);
    problems.push(...read.problems);
    if (read.problems.some((problem) => problem.severity === 'error')) continue;
    if (read.data['section'] === undefined && site && sections.length) {
      // An article without a section is filed by its folder, then by the paper's default.
      const folder = path.basename(path.dirname(absolute));
      const fallback = site.data.defaultSection ?? sections[0]!.id;
      const byFolder = sections.some((section) => section.id === folder);
      read.data['section'] = byFolder ? folder : fallback;
      if (!byFolder) {
        problems.push({ severity: 'warning', file: source.file, field: 'section', message: `expected a section, found none; filed under "${fallback}". Add "section:" or put the file in a folder named after its section` });
      }
    }
    const where = { file: source.file, locate: read.locate };
    const result = validateEntry(articleSchema, read.data, where);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    problems.push(...findRepeatedItems(read.data, ARTICLE_LIST_FIELDS, where));
    articles.push({
      ...where,
      id: String(result.value.id),
      slug: result.value.slug ?? slugify(stem(absolute)),
      data: result.value,
      raw: read.data,
      digest: source.digest,
      body: read.body,
      bodyLine: read.bodyLine,
      format: format.name,
      bylines: result.value.authors,
      relatedResolved: result.value.related,
    });
  }

  if (!site) return { problems };
  const records: NewsroomRecords = { present, site, sections, topics, authors, pages, articles };
  resolveNewsroom(records);
  const publicFiles = await listPublicFiles(path.join(root, 'public'));
  problems.push(...(await checkNewsroom(records, { root, contentDir, publicFiles, now: options.now })));
  return problems.some((problem) => problem.severity === 'error') ? { problems } : { records, problems };
}
