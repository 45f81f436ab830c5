/**
 * The seam for article file formats: each format turns one file's text into front-matter-like
 * data and a Markdown body. The reader picks a format by file extension; adding a format (the
 * plain-text editions, for instance) means adding one module to `articleFormats`.
 */
import type { ContentProblem } from '../problems.ts';
import { markdownFormat } from './markdown.ts';
import { plainTextFormat } from './plain-text.ts';

/** Something a format recognised in a file and turned into fields or left out, for reports. */
export interface RecognisedPart {
  /** Short label: "dateline Berlin", "byline Anna Berg", "appeal removed (lines 9–11)". */
  label: string;
  /** The warning that says the same at length, if any, so a report can print one of them. */
  problem?: ContentProblem | undefined;
}

export interface FormatResult {
  /** Fields as they would appear in front matter, not yet validated. */
  data: Record<string, unknown>;
  /** The article body as Markdown. */
  body: string;
  /** File line on which the body starts. */
  bodyLine: number;
  /** File line of a field, for messages. */
  locate(path: ReadonlyArray<PropertyKey>): number;
  /** Problems the format found while reading; errors stop the build, warnings are reported. */
  problems: ContentProblem[];
  /** What the format recognised (plain text: dateline, credits, byline, a removed appeal). */
  recognised?: RecognisedPart[] | undefined;
}

export interface ArticleFormat {
  /** Short name used in messages and documentation. */
  name: string;
  /** File extensions this format reads, with the dot. */
  extensions: readonly string[];
  /** Whether files that are not UTF-8 are read as Windows-1252 (with a warning) instead of refused. */
  legacyEncodings?: boolean;
  /** Reads one file. Must not throw: anything wrong becomes a problem. */
  read(text: string, file: string): FormatResult;
}

export const articleFormats: readonly ArticleFormat[] = [markdownFormat, plainTextFormat];

export function findArticleFormat(fileName: string): ArticleFormat | undefined {
  const lower = fileName.toLowerCase();
  return articleFormats.find((format) => format.extensions.some((ext) => lower.endsWith(ext)));
}
