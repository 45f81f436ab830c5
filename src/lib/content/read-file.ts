/**
 * One content file's input and output: stat it, read it, decode and parse it — what every
 * `ContentFileSource` does with a file it has to read — and the source that does so every time.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { hashBytes } from '../hash.ts';
import type { PictureRead } from './read-pictures.ts';
import type { ContentProblem } from './problems.ts';
import { decodeContentFile, type FileRead } from './read-entry.ts';

/** Largest content file read; anything larger is refused with a message instead of read into memory. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export type ContentFileKind = 'site' | 'sections' | 'topics' | 'author' | 'page' | 'article';

/** One file the reader found, handed to a `ContentFileSource`. */
export interface ContentFileRequest {
  kind: ContentFileKind;
  absolute: string;
  /** The file's name in messages: relative to the project root, with forward slashes. */
  file: string;
  /** What the file should hold, when a missing file is an error; otherwise it is simply absent. */
  required?: string | undefined;
  /** Whether the file's format reads Windows-1252 when a file is not UTF-8. */
  legacy: boolean;
  /** For an article: where it is filed if it names no section, in the paper as it is now. */
  filing?: string | undefined;
  /** Parses the decoded text; `digest` is the hash of the file's bytes. */
  parse(text: string, digest: string): FileRead;
}

/**
 * Where the reader gets each file's result from. `undefined` means the file could not be read at
 * all (missing, too large, unreadable); `read` has then added the problem to `problems`.
 */
export interface ContentFileSource {
  read(request: ContentFileRequest, problems: ContentProblem[]): FileRead | undefined;
  /** Reads a picture the content names (read-pictures.ts); by default `readPicture`, every time. */
  readPicture?: ((absolute: string, contentDir: string) => Promise<PictureRead>) | undefined;
}

/**
 * Stats a content file before it is read: a missing file is an error only when `required` says
 * what the file should hold, and a file over `MAX_FILE_BYTES` is refused unread.
 */
export function statContentFile(absolute: string, file: string, problems: ContentProblem[], required?: string): Stats | undefined {
  let info: Stats;
  try {
    info = statSync(absolute);
  } catch (error) {
    reportReadError(error, file, problems, required);
    return undefined;
  }
  if (info.size > MAX_FILE_BYTES) {
    problems.push({
      severity: 'error',
      file,
      message: `expected a file under ${MAX_FILE_BYTES / 1024 / 1024} MB, found ${(info.size / 1024 / 1024).toFixed(1)} MB`,
    });
    return undefined;
  }
  return info;
}

/** A content file's bytes, or `undefined` with the problem reported. */
export function readContentBytes(absolute: string, file: string, problems: ContentProblem[]): Buffer | undefined {
  try {
    return readFileSync(absolute);
  } catch (error) {
    reportReadError(error, file, problems, undefined);
    return undefined;
  }
}

function reportReadError(error: unknown, file: string, problems: ContentProblem[], required: string | undefined): void {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
  if (code === 'ENOENT') {
    if (required) problems.push({ severity: 'error', file, message: `expected ${required}, found no such file` });
    return;
  }
  problems.push({ severity: 'error', file, message: `expected a readable file, found an error reading it (${code})` });
}

/** Decodes bytes and parses the text: what every source does with a file it has to read. */
export function parseContentBytes(request: ContentFileRequest, bytes: Uint8Array, digest: string): FileRead {
  const decoded = decodeContentFile(bytes, request.file, request.legacy);
  if (decoded.text === undefined) return { problems: decoded.problems, records: [] };
  const read = request.parse(decoded.text, digest);
  return { ...read, problems: [...decoded.problems, ...read.problems] };
}

/** Every file read from disk and parsed, every time: the reader without a store. */
export const directFiles: ContentFileSource = {
  read(request, problems) {
    if (!statContentFile(request.absolute, request.file, problems, request.required)) return undefined;
    const bytes = readContentBytes(request.absolute, request.file, problems);
    if (!bytes) return undefined;
    return parseContentBytes(request, bytes, hashBytes(bytes, 16));
  },
};

