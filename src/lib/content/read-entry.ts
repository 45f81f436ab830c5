/**
 * Reads one content file: its bytes decoded, its text parsed by its format, every entry it holds
 * validated against its schema. No I/O and nothing from other files, except the one thing an
 * article takes from the paper's settings when it names no section (its filing, below), which is
 * passed in and returned, so that a stored result is reused only where it still holds.
 *
 * What these functions return is what the newsroom store keeps per file, so the reader-code hash
 * (reader-code-hash.ts) is taken over this module and everything it imports: a change to any of
 * them makes every stored result stale.
 */
import path from 'node:path';
import type { z } from 'astro/zod';
import { hashBytes } from '../hash.ts';
import { createArticleSchema } from '../../schemas/article.ts';
import { createAuthorSchema } from '../../schemas/author.ts';
import { imagePath } from '../../schemas/fields.ts';
import { pageSchema } from '../../schemas/page.ts';
import { sectionSchema } from '../../schemas/section.ts';
import { siteSchema } from '../../schemas/site.ts';
import { topicSchema } from '../../schemas/topic.ts';
import { decodeText } from './decode-text.ts';
import { ARTICLE_LIST_FIELDS, findRepeatedItems } from './find-repeated-items.ts';
import type { ArticleFormat } from './formats/index.ts';
import { parseYaml, readFrontMatter } from './front-matter.ts';
import type { ContentProblem } from './problems.ts';
import type { ArticleRecord, PageRecord, SourceRecord } from './read-newsroom.ts';
import { slugify } from './slugs.ts';
import { validateEntry } from './validate-entry.ts';

// Image files are checked by check-newsroom, so validation only needs the path as written.
const articleSchema = createArticleSchema(imagePath);
const authorSchema = createAuthorSchema(imagePath);

/** What one file yields: its problems and the entries it holds (none when it has errors). */
export interface FileRead<R = SourceRecord<unknown>> {
  problems: ContentProblem[];
  records: R[];
  /** An article file's id when it names one, valid or not (`NewsroomRecords.present`). */
  presentId?: number | undefined;
  /**
   * How an article without a `section` was filed (see `getFiling`); absent when the result does
   * not depend on it.
   */
  filing?: string | undefined;
}

/**
 * Decodes a file's bytes as strict UTF-8 (or, for `legacy` formats, Windows-1252 with a warning).
 * `text` is absent when the file cannot be read as text; the problems say why.
 */
export function decodeContentFile(bytes: Uint8Array, file: string, legacy: boolean): { text?: string; problems: ContentProblem[] } {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = Buffer.from(bytes.subarray(0, nul)).toString('latin1').split('\n').length;
    return { problems: [{ severity: 'error', file, line, message: 'expected text, found a NUL byte (is this a binary file?)' }] };
  }
  const decoded = decodeText(bytes, legacy);
  if (!decoded || (decoded.firstInvalidLine !== undefined && !decoded.legacyEncoding)) {
    return {
      problems: [
        {
          severity: 'error',
          file,
          line: decoded?.firstInvalidLine,
          message: 'expected UTF-8 text, found bytes that are not UTF-8 (save the file as UTF-8)',
        },
      ],
    };
  }
  const problems: ContentProblem[] = [];
  if (decoded.legacyEncoding) {
    problems.push({
      severity: 'warning',
      file,
      line: decoded.firstInvalidLine,
      message: 'expected UTF-8 text, found bytes that are not UTF-8; the file was read as Windows-1252 (Latin-1). Save it as UTF-8 to silence this',
    });
  }
  return { text: decoded.text, problems };
}

/** The file name without its extension, in NFC: macOS may hand over `über.md` decomposed. */
export function stem(file: string): string {
  return path.basename(file).normalize('NFC').replace(/\.[^.]+$/, '');
}

export function readSiteFile(text: string, file: string, digest: string): FileRead {
  const yaml = parseYaml(text, file);
  if (yaml.problems.length) return { problems: yaml.problems, records: [] };
  const where = { file, locate: yaml.locate };
  const result = validateEntry(siteSchema, yaml.value ?? {}, where);
  if (!result.ok) return { problems: result.problems, records: [] };
  return { problems: [], records: [{ ...where, id: 'site', data: result.value, raw: yaml.value as Record<string, unknown>, digest }] };
}

/** A list file (sections.yaml, topics.yaml): one entry per item, each item valid or reported. */
export function readListFile(text: string, file: string, kind: 'sections' | 'topics'): FileRead {
  const schema: z.ZodType = kind === 'sections' ? sectionSchema : topicSchema;
  const yaml = parseYaml(text, file);
  if (yaml.problems.length) return { problems: yaml.problems, records: [] };
  if (!Array.isArray(yaml.value)) {
    const found = yaml.value === undefined || yaml.value === null ? 'an empty file' : 'something else';
    return { problems: [{ severity: 'error', file, line: 1, message: `expected a list of ${kind} ("- id: …" items), found ${found}` }], records: [] };
  }
  const problems: ContentProblem[] = [];
  const records: SourceRecord<unknown>[] = [];
  yaml.value.forEach((item: unknown, index: number) => {
    const where = { file, locate: (p: ReadonlyArray<PropertyKey>) => yaml.locate([index, ...p]) };
    const result = validateEntry(schema, item, where);
    if (!result.ok) {
      problems.push(...result.problems.map((problem) => ({ ...problem, field: `[${index}]${problem.field ? `.${problem.field}` : ''}` })));
      return;
    }
    const data = result.value as { id: string };
    records.push({ ...where, id: data.id, data, raw: item as Record<string, unknown>, digest: hashBytes(JSON.stringify(item), 16), position: index });
  });
  return { problems, records };
}

export function readAuthorFile(text: string, file: string, digest: string): FileRead {
  const yaml = parseYaml(text, file);
  if (yaml.problems.length) return { problems: yaml.problems, records: [] };
  const where = { file, locate: yaml.locate };
  const result = validateEntry(authorSchema, yaml.value ?? {}, where);
  if (!result.ok) return { problems: result.problems, records: [] };
  return { problems: [], records: [{ ...where, id: stem(file), data: result.value, raw: yaml.value as Record<string, unknown>, digest }] };
}

export function readPageFile(text: string, file: string, digest: string): FileRead<PageRecord> {
  const parsed = readFrontMatter(text, file);
  if (parsed.problems.length) return { problems: parsed.problems, records: [] };
  const where = { file, locate: parsed.locate };
  const result = validateEntry(pageSchema, parsed.data, where);
  if (!result.ok) return { problems: result.problems, records: [] };
  return { problems: [], records: [{ ...where, id: slugify(stem(file)), data: result.value, raw: parsed.data, digest, body: parsed.body }] };
}

/** The section ids and the paper's default section, when the paper has both settings and sections. */
export type FilingContext = { sectionIds: ReadonlySet<string>; fallback: string } | undefined;

/**
 * Where an article without a `section` is filed: under its folder's name if that is a section id,
 * else under the paper's default section; "none" when the paper has no settings or no sections
 * (the article is then an error for its missing section).
 */
export function getFiling(file: string, context: FilingContext): string {
  if (!context) return 'none';
  // The name of the folder the file is in (`file` has forward slashes); asked for every article.
  const end = file.lastIndexOf('/');
  const folder = end === -1 ? '.' : file.slice(file.lastIndexOf('/', end - 1) + 1, end);
  return context.sectionIds.has(folder) ? `folder:${folder}` : `default:${context.fallback}`;
}

export function readArticleFile(text: string, file: string, digest: string, format: ArticleFormat, filingContext: FilingContext): FileRead<ArticleRecord> {
  const read = format.read(text, file);
  const presentId = typeof read.data['id'] === 'number' ? read.data['id'] : undefined;
  const problems = [...read.problems];
  if (problems.some((problem) => problem.severity === 'error')) return { problems, records: [], presentId };
  let filing: string | undefined;
  if (read.data['section'] === undefined) {
    // An article without a section is filed by its folder, then by the paper's default.
    filing = getFiling(file, filingContext);
    const [how, section] = filing.split(/:(.*)/s);
    if (section !== undefined) read.data['section'] = section;
    if (how === 'default') {
      problems.push({ severity: 'warning', file, field: 'section', message: `expected a section, found none; filed under "${section}". Add "section:" or put the file in a folder named after its section` });
    }
  }
  const where = { file, locate: read.locate };
  const result = validateEntry(articleSchema, read.data, where);
  if (!result.ok) return { problems: [...problems, ...result.problems], records: [], presentId, filing };
  problems.push(...findRepeatedItems(read.data, ARTICLE_LIST_FIELDS, where));
  const record: ArticleRecord = {
    ...where,
    id: String(result.value.id),
    slug: result.value.slug ?? slugify(stem(file)),
    data: result.value,
    raw: read.data,
    digest,
    body: read.body,
    bodyLine: read.bodyLine,
    format: format.name,
    bylines: result.value.authors,
    relatedResolved: result.value.related,
  };
  return { problems, records: [record], presentId, filing };
}
