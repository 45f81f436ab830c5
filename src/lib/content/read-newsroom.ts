/**
 * Reads a newsroom's whole `content/` folder, validates every file against its schema and every
 * reference across files, and returns all problems of the run at once. Runs in Node without
 * Astro, so tests can feed it fixture folders directly.
 *
 * The folder is listed afresh on every read; each file found is handed to a `ContentFileSource`,
 * which reads and parses it (`directFiles`, here) or answers from the newsroom store
 * (content-store.ts) when the file is unchanged. Either way, the references between files are
 * resolved (resolve-newsroom.ts) and checked (check-newsroom.ts) over the whole paper every time.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { toSlashPath } from '../paths.ts';
import type { ArticleData, GuestAuthor, RelatedHeadline } from '../../schemas/article.ts';
import type { AuthorData } from '../../schemas/author.ts';
import type { PictureFacts } from '../../schemas/fields.ts';
import type { PageData } from '../../schemas/page.ts';
import type { SectionData } from '../../schemas/section.ts';
import type { SiteData } from '../../schemas/site.ts';
import type { TopicData } from '../../schemas/topic.ts';
import type { NewsroomInput } from './create-newsroom.ts';
import { findArticleFormat } from './formats/index.ts';
import type { ContentProblem } from './problems.ts';
import { checkNewsroom } from './check-newsroom.ts';
import { directFiles, type ContentFileKind, type ContentFileRequest, type ContentFileSource } from './read-file.ts';
import {
  getFiling,
  readArticleFile,
  readAuthorFile,
  readListFile,
  readPageFile,
  readSiteFile,
  stem,
  type FilingContext,
} from './read-entry.ts';
import { PICTURE_FILE, readPictures, resolvePicturePath } from './read-pictures.ts';
import { resolveNewsroom } from './resolve-newsroom.ts';
import type { EntryLocation } from './validate-entry.ts';

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
  /**
   * The facts of every picture an article or author names, by the path as resolved from the file
   * that names it (`resolvePicturePath`; look one up with `findPicture`).
   */
  pictures: Map<string, PictureFacts>;
}

/** The facts of the picture `src` that the file `recordFile` names, if it was read. */
export function findPicture(records: NewsroomRecords, recordFile: string, src: string): PictureFacts | undefined {
  return records.pictures.get(resolvePicturePath(recordFile, src));
}

/**
 * The authors and an article's picture fields as `createNewsroom` takes them: each picture as the
 * facts read from its file instead of the path written. Shared with loadContent.
 */
export function withPictureFacts(records: NewsroomRecords): {
  authors: NewsroomInput['authors'];
  articleImage: (article: ArticleRecord) => NonNullable<NewsroomInput['articles'][number]['data']['image']> | undefined;
} {
  return {
    authors: records.authors.map(({ id, file, data }) => ({
      id,
      data: { ...data, image: data.image === undefined ? undefined : findPicture(records, file, data.image) },
    })),
    articleImage: ({ file, data: { image } }) =>
      image && { ...image, src: image.src === undefined ? undefined : findPicture(records, file, image.src) },
  };
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

const isImageFile = (file: string): boolean => PICTURE_FILE.test(file);

/** Files an operating system or version control leaves in folders; never content, never reported. */
const SYSTEM_FILES = new Set(['.DS_Store', '.git', '.gitkeep', '.gitignore', '.gitattributes', '.keep', 'Thumbs.db', 'desktop.ini']);

/**
 * A file's name in messages. The reader's paths are joined from the resolved root, so a file
 * below the root is the rest of its path; `path.relative` (for anything else) is slow enough
 * to show at 10,000 files.
 */
function toContentPath(absolute: string, root: string): string {
  const prefix = root.endsWith(path.sep) ? root : `${root}${path.sep}`;
  if (!absolute.startsWith(prefix) || absolute.includes(`${path.sep}..${path.sep}`)) return toSlashPath(root, absolute);
  const rest = absolute.slice(prefix.length);
  return path.sep === '/' ? rest : rest.split(path.sep).join('/');
}

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

/** Site paths of the files Astro copies from `public/` to the site's root. */
async function listPublicFiles(publicDir: string): Promise<string[]> {
  const entries = await readdir(publicDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => `/${toSlashPath(publicDir, path.join(entry.parentPath, entry.name))}`);
}

/** Reads and checks the whole newsroom. Never throws for bad content: every problem is returned. */
export function readNewsroom(options: ReadNewsroomOptions): Promise<ReadNewsroomResult> {
  return readNewsroomFrom(directFiles, options);
}

/** `readNewsroom` with each file's result taken from `source`. */
export async function readNewsroomFrom(source: ContentFileSource, options: ReadNewsroomOptions): Promise<ReadNewsroomResult> {
  const root = path.resolve(options.root);
  const contentDir = path.resolve(root, options.contentDir);
  const problems: ContentProblem[] = [];
  await warnUnknownEntries(contentDir, root, problems);
  /** One file through the source; its problems join the run's. */
  const read = <R>(request: ContentFileRequest): R[] | undefined => {
    const result = source.read(request, problems);
    if (!result) return undefined;
    problems.push(...result.problems);
    return result.records as R[];
  };
  const plain = (kind: ContentFileKind, absolute: string, file: string, parse: ContentFileRequest['parse'], required?: string): ContentFileRequest => ({
    kind,
    absolute,
    file,
    required,
    legacy: false,
    parse,
  });

  const siteFile = path.join(contentDir, 'site.yaml');
  const siteName = toContentPath(siteFile, root);
  const site = read<SourceRecord<SiteData>>(
    plain('site', siteFile, siteName, (text, digest) => readSiteFile(text, siteName, digest), 'the site settings file (title, url, locale, timeZone …)'),
  )?.[0];

  const list = <T>(kind: 'sections' | 'topics', required: boolean): SourceRecord<T>[] => {
    const absolute = path.join(contentDir, `${kind}.yaml`);
    const file = toContentPath(absolute, root);
    return read<SourceRecord<T>>(plain(kind, absolute, file, (text) => readListFile(text, file, kind), required ? `the list of ${kind}` : undefined)) ?? [];
  };
  const sections = list<SectionData>('sections', true);
  const topics = list<TopicData>('topics', false);

  const present = { authors: new Set<string>(), articles: new Set<number>() };
  const authors: SourceRecord<AuthorData>[] = [];
  for (const absolute of await listFiles(path.join(contentDir, 'authors'), root, problems)) {
    if (!/\.ya?ml$/i.test(absolute)) {
      if (!isImageFile(absolute)) warnNotRead(problems, absolute, root, 'an author file (.yaml) or a portrait');
      continue;
    }
    present.authors.add(stem(absolute));
    const file = toContentPath(absolute, root);
    authors.push(...(read<SourceRecord<AuthorData>>(plain('author', absolute, file, (text, digest) => readAuthorFile(text, file, digest))) ?? []));
  }

  const pages: PageRecord[] = [];
  for (const absolute of await listFiles(path.join(contentDir, 'pages'), root, problems)) {
    if (!absolute.toLowerCase().endsWith('.md')) {
      if (!isImageFile(absolute)) warnNotRead(problems, absolute, root, 'a page file (.md) or a picture');
      continue;
    }
    const file = toContentPath(absolute, root);
    pages.push(...(read<PageRecord>(plain('page', absolute, file, (text, digest) => readPageFile(text, file, digest))) ?? []));
  }

  const filingContext: FilingContext =
    site && sections.length ? { sectionIds: new Set(sections.map((section) => section.id)), fallback: site.data.defaultSection ?? sections[0]!.id } : undefined;
  const articles: ArticleRecord[] = [];
  for (const absolute of await listFiles(path.join(contentDir, 'articles'), root, problems)) {
    const format = findArticleFormat(absolute);
    if (!format) {
      if (!isImageFile(absolute)) warnNotRead(problems, absolute, root, 'an article file (.md, .txt) or an image');
      continue;
    }
    const file = toContentPath(absolute, root);
    const result = source.read(
      {
        kind: 'article',
        absolute,
        file,
        legacy: format.legacyEncodings ?? false,
        filing: getFiling(file, filingContext),
        parse: (text, digest) => readArticleFile(text, file, digest, format, filingContext),
      },
      problems,
    );
    if (!result) continue;
    if (result.presentId !== undefined) present.articles.add(result.presentId);
    problems.push(...result.problems);
    articles.push(...(result.records as ArticleRecord[]));
  }

  if (!site) return { problems };
  const reads = await readPictures({ articles, authors }, root, contentDir, source.readPicture);
  const pictures = new Map([...reads].flatMap(([key, read]) => (read.ok ? [[key, read.facts] as const] : [])));
  const records: NewsroomRecords = { present, site, sections, topics, authors, pages, articles, pictures };
  resolveNewsroom(records);
  const publicFiles = await listPublicFiles(path.join(root, 'public'));
  problems.push(...(await checkNewsroom(records, { root, contentDir, publicFiles, now: options.now, pictures: reads })));
  return problems.some((problem) => problem.severity === 'error') ? { problems } : { records, problems };
}
