/**
 * The newsroom store: each content file's read, validated and rendered result, kept on disk
 * between runs, so that a run re-reads only the files that changed.
 *
 * Per file, the store keeps what `read-entry.ts` made of it — the entries' fields, the lines of
 * their values (line-map.ts), the file's problems, warnings included, which are reported again on
 * every run — and for articles and pages the Markdown body and the rendered HTML
 * (`render-body.ts`), with the dateline and credits the article is shown with. A stored result is
 * reused when the file's digest and the reader-code hash (reader-code-hash.ts) are those it was
 * made from, and, for an article without a `section`, when the paper still files it in the same
 * place. Nothing across files is stored: references, duplicates and pictures are resolved and
 * checked over every record on every run.
 *
 * A run stats every file first: size, modification and change time and inode as recorded mean
 * the file is not read at all. Otherwise it is read and hashed; the same digest reuses the stored
 * result (and records the new stat), another digest parses, validates and renders the file once.
 * A file modified within `RACY_MS` before the run started is hashed again next time, since a
 * change in the same tick of the file system's clock would leave its stat as recorded.
 *
 * On disk, under `<store>/<namespace>/`, one namespace per project root and content folder:
 *
 * - `index`: a magic line, frames of `[u32 length][u32 CRC-32][JSON]` — a header (format,
 *   reader-code hash, root, content folder), then one frame per file — and a trailer with the
 *   CRC-32 of all of it. Fields are loaded eagerly; when the trailer's CRC holds, the frames' own
 *   are not computed one by one, and when it does not, each frame is checked and the good ones kept.
 * - `pack-<id>.bin`: bodies, UTF-8, referenced from the index by offset, length and CRC-32. Each
 *   run that renders anything writes one new pack; packs are never written again once named,
 *   and are merged when there are many or the largest is mostly dead.
 * - `pictures.json`: what reading each picture gave (read-pictures.ts: size, format, digest), by
 *   path and stat, so an unchanged picture is not read again.
 * - `damaged`: files whose stored body failed its check when a page asked for it; they are read
 *   again on the next run.
 *
 * Every file is written under a temporary name and renamed into place, so a run killed at any
 * moment leaves the previous index (and the packs it names) whole; temporary files of processes
 * that no longer run are removed by the next run that writes. Everything read is verified: a
 * frame whose length or CRC is wrong, a header of another format, reader or folder, a pack that is
 * missing or short, and the file is read again instead — a stored result is never served unchecked.
 * Bodies are checked when they are read; a damaged one is made again from its file, on the spot.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  fstatSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
  appendFileSync,
  type Stats,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { hashBytes } from '../hash.ts';
import type { PictureRead } from './read-pictures.ts';
import { locateFromLines, recordLines, type LineMap } from './line-map.ts';
import type { ContentProblem } from './problems.ts';
import type { FileRead } from './read-entry.ts';
import { parseContentBytes, readContentBytes, statContentFile, type ContentFileKind, type ContentFileRequest } from './read-file.ts';
import type { ArticleRecord, PageRecord, SourceRecord } from './read-newsroom.ts';
import { renderArticle, renderArticleText, renderPage } from './render-body.ts';

/** Raised when what is stored changes shape; a store of another format is not read. */
export const STORE_FORMAT = 1;
/** A file modified this close before the run started is not trusted by its stat next time. */
export const RACY_MS = 2000;
const MAGIC = Buffer.from('depesche-store\n');
const FRAME_HEADER = 8;
const TRAILER = Buffer.from('\nend of index');
/** More packs than this, and all but the largest are merged into the next one. */
export const MAX_PACKS = 8;

/** What a run did with each file, for the report and for tests (which count, not time). */
export type StoreEvent =
  /** The file's bytes were read (its stat did not match). */
  | { type: 'read'; file: string }
  /** The file was parsed and validated: its stored result, if any, did not hold. */
  | { type: 'parse'; file: string }
  /** An article's or page's body was rendered to HTML. */
  | { type: 'render'; file: string }
  /** A stored body failed its check and was made again from the file. */
  | { type: 'damaged'; file: string }
  /** A picture was read (its stat did not match the stored read); `file` is absolute. */
  | { type: 'picture'; file: string }
  /** A file of the store is written under its temporary name and about to be renamed into place. */
  | { type: 'write'; file: string };

export interface StoreStats {
  /** Content files the run looked at. */
  files: number;
  /** Files whose stat matched: not read. */
  unchangedByStat: number;
  /**
   * Files taken as the last run in this process left them, without a stat: the caller named
   * every file that may have changed since (`changedOnly`, from a watcher), and not these.
   */
  unchangedByWatch: number;
  /** Files read and hashed whose digest matched: not parsed. */
  unchangedByDigest: number;
  /** Files parsed, validated and (articles, pages) rendered. */
  parsed: number;
  /** Stored frames that failed their check when the index was loaded. */
  damagedEntries: number;
  /** Whether the index was written at the end of the run. */
  written: boolean;
  /**
   * Where the stored results came from: the index file, or the entries this process loaded or
   * wrote last (when the index file is still the one it wrote), or none.
   */
  index: 'disk' | 'memory' | 'none';
}

export interface OpenStoreOptions {
  /** The store's folder, e.g. `<cacheDir>/store`; without it, the store lives in memory for one run. */
  dir?: string | undefined;
  root: string;
  contentDir: string;
  readerHash: string;
  /** The hash of the code that reads pictures (reader-code-hash.ts): stored reads of other code are read again. */
  pictureReader?: string | undefined;
  observe?: ((event: StoreEvent) => void) | undefined;
  /**
   * Every file (absolute path) that may have changed since this process's last run of the same
   * store, when the caller knows it (`npm run watch` has a watcher's events): a file not named is
   * taken as that run left it, without a stat, while that run's entries are still in memory.
   * Files added or removed are found by listing the folders, as always; only changes are told.
   */
  changedOnly?: ReadonlySet<string> | undefined;
}

/** A body in the record's pack: `[offset, length, crc32]`; or the text itself, kept inline. */
type BodyRef = [number, number, number] | string;

/** The bodies a record may have. */
export type BodyKind = 'markdown' | 'html' | 'text';
const BODY_KINDS: readonly BodyKind[] = ['markdown', 'html', 'text'];

/** What a record keeps of the file as written, parsed only when asked for. */
interface Written {
  /** The keys of the data as written, in order; values equal to `data`'s are taken from it. */
  rawKeys: string[];
  lines: LineMap;
}

/**
 * `Written` as one plain string — keys and line-map paths URI-encoded, so no quote needs escaping
 * and parsing the index copies it as it is: `id,kicker,headline|2|kicker=3|headline=4|topics%000=8`.
 */
function encodeWritten({ rawKeys, lines }: Written): string {
  const pairs: string[] = [String(lines[0])];
  for (let at = 1; at + 1 < lines.length; at += 2) pairs.push(`${encodeURIComponent(lines[at] as string)}=${lines[at + 1] as number}`);
  return `${rawKeys.map(encodeURIComponent).join(',')}|${pairs.join('|')}`;
}

function decodeWritten(text: string): Written {
  const [keys = '', root = '1', ...pairs] = text.split('|');
  const lines: LineMap = [Number(root)];
  for (const pair of pairs) {
    const equals = pair.lastIndexOf('=');
    lines.push(decodeURIComponent(pair.slice(0, equals)), Number(pair.slice(equals + 1)));
  }
  return { rawKeys: keys ? keys.split(',').map(decodeURIComponent) : [], lines };
}

/** One entry of a file, as the index keeps it; absent fields take the defaults named. */
interface StoredRecord {
  id: string;
  /** Absent: the file's digest. */
  digest?: string | undefined;
  position?: number | undefined;
  data: Record<string, unknown>;
  /** `Written`, encoded: the raw data and the lines are needed only by some checks and their messages. */
  written: string;
  /** Values as written that differ from the validated ones. */
  rawDiff?: Record<string, unknown> | undefined;
  slug?: string | undefined;
  bodyLine?: number | undefined;
  format?: string | undefined;
  /** The dateline and credits an article is shown with after its body was rendered; absent: its data's. */
  shown?: { dateline?: string | undefined; credits: string[] } | undefined;
  /** The pack both bodies are in. */
  pack?: string | undefined;
  markdown?: BodyRef | undefined;
  html?: BodyRef | undefined;
  /** An article's text-edition body (`TextEditionBody` as JSON); absent when it depends on the article's URL. */
  text?: BodyRef | undefined;
}

interface StoredFile {
  file: string;
  kind: ContentFileKind;
  size: number;
  mtimeMs: number;
  /** Absent: equal to `mtimeMs`. */
  ctimeMs?: number | undefined;
  ino: number;
  /** Modified just before it was recorded: hash it again next time. */
  racy?: boolean | undefined;
  digest: string;
  filing?: string | undefined;
  /** Absent: none. */
  problems?: ContentProblem[] | undefined;
  presentId?: number | undefined;
  records: StoredRecord[];
}

interface IndexHeader {
  format: number;
  readerHash: string;
  root: string;
  contentDir: string;
}

/** A stored file as loaded: its fields, and its frame as read, for writing unchanged. */
interface Slot {
  stored: StoredFile;
  /** The whole frame (length, CRC, JSON) as read or last written; absent when the entry changed this run. */
  frame?: FrameBytes | undefined;
  /** Not written: it holds values JSON cannot keep, or a body that could not be stored. */
  volatile?: boolean;
}

/** How a body of a record is found again, and remade if its stored copy is damaged. */
interface BodySource {
  slot: Slot;
  index: number;
  request: ContentFileRequest;
}

/** A picture's read (read-pictures.ts) with the stat of its file when it was read. */
interface StoredPicture extends StatIdentity {
  read: PictureRead;
}

function jsonSafe(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(jsonSafe);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value as object).every((item) => item !== undefined && jsonSafe(item));
  }
  return false;
}

/** A frame's bytes: a range of the index file it was read from, or of its own buffer. */
interface FrameBytes {
  source: Buffer;
  start: number;
  end: number;
}

function frame(json: string): FrameBytes {
  const bytes = Buffer.from(json);
  const framed = Buffer.allocUnsafe(FRAME_HEADER + bytes.length);
  framed.writeUInt32LE(bytes.length, 0);
  framed.writeUInt32LE(crc32(bytes), 4);
  bytes.copy(framed, FRAME_HEADER);
  return { source: framed, start: 0, end: framed.length };
}

/** An index: the magic line, the frames, and a trailer with the CRC-32 of all before it. */
function writeIndex(frames: FrameBytes[]): Buffer {
  const bodyLength = frames.reduce((sum, framed) => sum + framed.end - framed.start, MAGIC.length);
  const index = Buffer.allocUnsafe(bodyLength + TRAILER.length + 4);
  let at = MAGIC.copy(index, 0);
  for (const { source, start, end } of frames) at += source.copy(index, at, start, end);
  at += TRAILER.copy(index, at);
  index.writeUInt32LE(crc32(index.subarray(0, bodyLength)), at);
  return index;
}

/**
 * The frames of an index file: each frame's JSON and where the frame is in `bytes`.
 * When the trailer's CRC holds, the whole file is sound and the frames are taken as they are;
 * otherwise each frame's own CRC decides, a frame that fails it is skipped, and a cut-off frame
 * ends the list. `damaged` counts what was lost.
 */
function readFrames(bytes: Buffer): { frames: Array<{ json: string; framed: FrameBytes }>; damaged: number } {
  const frames: Array<{ json: string; framed: FrameBytes }> = [];
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { frames, damaged: bytes.length ? 1 : 0 };
  const bodyEnd = bytes.length - TRAILER.length - 4;
  const ended = bodyEnd >= MAGIC.length && bytes.subarray(bodyEnd, bodyEnd + TRAILER.length).equals(TRAILER);
  const sound = ended && crc32(bytes.subarray(0, bodyEnd)) === bytes.readUInt32LE(bodyEnd + TRAILER.length);
  const end = ended ? bodyEnd : bytes.length;
  let damaged = sound ? 0 : 1;
  let at = MAGIC.length;
  while (at + FRAME_HEADER <= end) {
    const length = bytes.readUInt32LE(at);
    const start = at + FRAME_HEADER;
    if (start + length > end) {
      damaged++;
      break;
    }
    if (sound || crc32(bytes.subarray(start, start + length)) === bytes.readUInt32LE(at + 4)) {
      frames.push({ json: bytes.toString('utf8', start, start + length), framed: { source: bytes, start: at, end: start + length } });
    } else damaged++;
    at = start + length;
  }
  return { frames, damaged };
}

type StatIdentity = { size: number; mtimeMs: number; ctimeMs?: number | undefined; ino: number };

const sameStat = (stored: StatIdentity, info: Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>): boolean =>
  stored.size === info.size && stored.mtimeMs === info.mtimeMs && (stored.ctimeMs ?? stored.mtimeMs) === info.ctimeMs && stored.ino === info.ino;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes `data` to `file` under a temporary name in the same folder, then renames it into place. */
function writeAtomically(file: string, data: Buffer | string, observe: (event: StoreEvent) => void): void {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, data);
    observe({ type: 'write', file: path.basename(file) });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * What each store folder's index held when this process last loaded or wrote it, with the index
 * file's stat then: a run in a long-lived process (watch mode) takes the entries from here while
 * the file is unchanged, instead of reading and parsing it again.
 */
const remembered = new Map<
  string,
  { identity: Stats; header: string; slots: Map<string, Slot>; pictures: Map<string, StoredPicture>; packs: Map<string, number> }
>();

/**
 * The records each slot was last turned into. A slot is never changed once made (a changed file
 * gets a new one), and records are read-only but for what resolve-newsroom.ts sets on every run,
 * so a slot kept from the last run gives the same records.
 */
const recordsOf = new WeakMap<Slot, { kind: ContentFileRequest['kind']; file: string; records: SourceRecord<unknown>[] }>();

/**
 * Packs open for reading, by path: a body is one `pread`. A pack is immutable once named, so an
 * open one stays right even if another process (another renderer, a build beside a watch)
 * removes it. Each run opens the packs its entries use as it loads them, keeps the pack it writes
 * open from the moment it creates it, and closes those of its store that its entries no longer use.
 */
const packFiles = new Map<string, number>();

/** An open pack, or `undefined` if it cannot be opened. */
function openPack(file: string): number | undefined {
  let fd = packFiles.get(file);
  if (fd === undefined) {
    try {
      fd = openSync(file, 'r');
    } catch {
      return undefined;
    }
    packFiles.set(file, fd);
  }
  return fd;
}

/** The size of an open pack, or -1 if it cannot be opened. */
function packSize(file: string): number {
  const fd = openPack(file);
  if (fd === undefined) return -1;
  try {
    return fstatSync(fd).size;
  } catch {
    closePack(file);
    return -1;
  }
}

function closePack(file: string): void {
  const fd = packFiles.get(file);
  if (fd === undefined) return;
  packFiles.delete(file);
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
}

export class NewsroomStore {
  readonly stats: StoreStats = { files: 0, unchangedByStat: 0, unchangedByWatch: 0, unchangedByDigest: 0, parsed: 0, damagedEntries: 0, written: false, index: 'none' };
  private readonly folder: string | undefined;
  private readonly header: IndexHeader;
  private readonly observe: (event: StoreEvent) => void;
  private readonly changedOnly: ReadonlySet<string> | undefined;
  private readonly started = Date.now();
  /** Files of the last index, by name. */
  private readonly previous = new Map<string, Slot>();
  /** Files of this run, by name, in the order read. */
  private readonly current = new Map<string, Slot>();
  /** Files whose stored result is not to be used: a body of theirs was found damaged. */
  private readonly damaged = new Set<string>();
  private readonly bodySources = new WeakMap<object, BodySource>();
  /** Whether anything differs from the index as loaded. */
  private changed = false;
  /** Where each pack is now: its own name, or its temporary file until the run is written. */
  private readonly packPaths = new Map<string, string>();
  private pending: { name: string; temporary: string; fd: number; size: number } | undefined;
  private readonly pictureReader: string;
  private storedPictures = new Map<string, StoredPicture>();
  private readonly picturesSeen = new Map<string, StoredPicture>();
  private picturesChanged = false;
  /** A record's Markdown: what its `body` reads. */
  private readonly markdownOf = (record: object): string => this.body(record, 'markdown');

  private constructor(options: OpenStoreOptions) {
    this.header = { format: STORE_FORMAT, readerHash: options.readerHash, root: options.root, contentDir: options.contentDir };
    this.observe = options.observe ?? (() => {});
    this.changedOnly = options.changedOnly;
    this.pictureReader = `${options.readerHash} ${options.pictureReader ?? ''}`;
    // One namespace per project root and content folder: another folder's files are never matched.
    this.folder = options.dir ? storeFolder(options.dir, options.root, options.contentDir) : undefined;
  }

  /** Opens the store and loads its index (or starts an empty one when there is none, or it is unusable). */
  static open(options: OpenStoreOptions): NewsroomStore {
    const store = new NewsroomStore(options);
    store.load();
    return store;
  }

  private load(): void {
    if (!this.folder) return;
    this.loadDamaged();
    const indexFile = path.join(this.folder, 'index');
    const info = statSync(indexFile, { throwIfNoEntry: false });
    if (!info) return;
    const memory = remembered.get(this.folder);
    const packsThere = (packs: Map<string, number>): boolean => [...packs].every(([pack, size]) => packSize(path.join(this.folder!, pack)) === size);
    if (memory && memory.header === JSON.stringify(this.header) && sameStat(memory.identity, info) && packsThere(memory.packs)) {
      // The index this process loaded or wrote last, untouched since: its entries are still in memory.
      for (const [file, slot] of memory.slots) this.previous.set(file, slot);
      this.storedPictures = memory.pictures;
      this.stats.index = 'memory';
      return;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(indexFile);
    } catch {
      return;
    }
    this.stats.index = 'disk';
    const { frames, damaged } = readFrames(bytes);
    this.stats.damagedEntries = damaged;
    const [head, ...files] = frames;
    let header: IndexHeader | undefined;
    try {
      header = head === undefined ? undefined : (JSON.parse(head.json) as IndexHeader);
    } catch {
      header = undefined;
    }
    if (
      header?.format !== this.header.format ||
      header.readerHash !== this.header.readerHash ||
      header.root !== this.header.root ||
      header.contentDir !== this.header.contentDir
    ) {
      // Another reader's, format's or folder's results: none of them is served. The next write
      // replaces the index and removes the packs it no longer names.
      this.changed = true;
      return;
    }
    const packSizes = new Map<string, number>();
    for (const { json, framed } of files) {
      let stored: StoredFile;
      try {
        stored = JSON.parse(json) as StoredFile;
      } catch {
        this.stats.damagedEntries++;
        continue;
      }
      if (this.packsHold(stored, packSizes)) this.previous.set(stored.file, { stored, frame: framed });
      else this.stats.damagedEntries++;
    }
    if (this.stats.damagedEntries) this.changed = true;
    try {
      const pictures = JSON.parse(readFileSync(path.join(this.folder, 'pictures.json'), 'utf8')) as { reader: string; pictures: Record<string, StoredPicture> };
      if (pictures.reader === this.pictureReader) this.storedPictures = new Map(Object.entries(pictures.pictures));
    } catch {
      // Every picture's header is read again.
    }
  }

  /** Files a body of which was found damaged since the last write: their stored results are not used. */
  private loadDamaged(): void {
    try {
      for (const line of readFileSync(path.join(this.folder!, 'damaged'), 'utf8').split('\n')) if (line) this.damaged.add(line);
    } catch {
      // None was.
    }
  }

  /** Whether the packs a stored file's bodies are in exist and are long enough (one stat per pack). */
  private packsHold(stored: StoredFile, sizes: Map<string, number>): boolean {
    for (const record of stored.records) {
      if (record.pack === undefined) continue;
      let size = sizes.get(record.pack);
      if (size === undefined) {
        const file = path.join(this.folder!, record.pack);
        size = packSize(file);
        sizes.set(record.pack, size);
        this.packPaths.set(record.pack, file);
      }
      for (const kind of BODY_KINDS) {
        const ref = record[kind];
        if (Array.isArray(ref) && ref[0] + ref[1] > size) return false;
      }
    }
    return true;
  }

  /**
   * Whether a file is taken as this process's last run left it, unlooked at: the caller named
   * every file that may have changed since, not this one, and that run's entries are the ones in
   * memory (the index file is still the one it wrote).
   */
  private isTold(absolute: string): boolean {
    return this.changedOnly !== undefined && this.stats.index === 'memory' && !this.changedOnly.has(absolute);
  }

  /** A file's result: from the store when its stat or its digest is as recorded, else read anew. */
  read(request: ContentFileRequest, problems: ContentProblem[]): FileRead | undefined {
    const previous = this.damaged.has(request.file) ? undefined : this.previous.get(request.file);
    const holds = previous !== undefined && previous.stored.kind === request.kind && (previous.stored.filing === undefined || previous.stored.filing === request.filing);
    if (holds && this.isTold(request.absolute)) {
      this.stats.files++;
      this.stats.unchangedByWatch++;
      return this.keep(request, previous);
    }
    const info = statContentFile(request.absolute, request.file, problems, request.required);
    if (!info) return undefined;
    this.stats.files++;
    if (holds && !previous.stored.racy && sameStat(previous.stored, info)) {
      this.stats.unchangedByStat++;
      return this.keep(request, previous);
    }
    const bytes = readContentBytes(request.absolute, request.file, problems);
    if (!bytes) return undefined;
    this.observe({ type: 'read', file: request.file });
    const digest = hashBytes(bytes, 16);
    if (holds && previous.stored.digest === digest) {
      this.stats.unchangedByDigest++;
      const stat = this.statOf(info);
      if (sameStat(previous.stored, info) && previous.stored.racy === stat.racy) return this.keep(request, previous);
      this.changed = true;
      return this.keep(request, { stored: { ...previous.stored, ...stat } });
    }
    this.changed = true;
    this.stats.parsed++;
    return this.keep(request, this.parse(request, bytes, digest, info));
  }

  private statOf(info: Stats): Pick<StoredFile, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino' | 'racy'> {
    return {
      size: info.size,
      mtimeMs: info.mtimeMs,
      ctimeMs: info.ctimeMs === info.mtimeMs ? undefined : info.ctimeMs,
      ino: info.ino,
      racy: info.mtimeMs >= this.started - RACY_MS ? true : undefined,
    };
  }

  /** Parses, validates and renders a file, and puts its bodies into this run's pack. */
  private parse(request: ContentFileRequest, bytes: Buffer, digest: string, info: Stats): Slot {
    this.observe({ type: 'parse', file: request.file });
    const read = parseContentBytes(request, bytes, digest);
    const problems = [...read.problems];
    const records = read.records.map((record) => this.toStored(request, record, digest, problems));
    const stored: StoredFile = {
      file: request.file,
      kind: request.kind,
      ...this.statOf(info),
      digest,
      filing: read.filing,
      problems: problems.length ? problems : undefined,
      presentId: read.presentId,
      records,
    };
    // Data JSON cannot keep as it is (say an infinite number) is served this run and not stored.
    if (!read.records.every((record) => jsonSafe(record.data) && jsonSafe(record.raw))) return { stored, volatile: true };
    for (const record of records) this.packBodies(record);
    // What this run serves is what the next run loads: the entry as its JSON reads back.
    const json = JSON.stringify(stored);
    return { stored: JSON.parse(json) as StoredFile, frame: frame(json) };
  }

  private toStored(request: ContentFileRequest, record: SourceRecord<unknown>, fileDigest: string, problems: ContentProblem[]): StoredRecord {
    const data = record.data as Record<string, unknown>;
    const rawKeys = Object.keys(record.raw);
    const rawDiff: Record<string, unknown> = {};
    for (const key of rawKeys) if (!(key in data) || JSON.stringify(record.raw[key]) !== JSON.stringify(data[key])) rawDiff[key] = record.raw[key];
    const stored: StoredRecord = {
      id: record.id,
      digest: record.digest === fileDigest ? undefined : record.digest,
      position: record.position,
      data,
      written: encodeWritten({ rawKeys, lines: recordLines(record.raw, record.locate) }),
      rawDiff: Object.keys(rawDiff).length ? rawDiff : undefined,
    };
    if (request.kind === 'article') {
      const article = record as ArticleRecord;
      this.observe({ type: 'render', file: request.file });
      const rendered = renderArticle(article);
      const text = renderArticleText(article);
      problems.push(...rendered.problems);
      const same = rendered.dateline === article.data.dateline && JSON.stringify(rendered.credits) === JSON.stringify(article.data.credits);
      Object.assign(stored, {
        slug: article.slug,
        bodyLine: article.bodyLine,
        format: article.format,
        shown: same ? undefined : { dateline: rendered.dateline, credits: rendered.credits },
        markdown: article.body,
        html: rendered.html,
        text: text && JSON.stringify(text),
      });
    } else if (request.kind === 'page') {
      this.observe({ type: 'render', file: request.file });
      Object.assign(stored, { markdown: (record as PageRecord).body, html: renderPage(record as PageRecord) });
    }
    return stored;
  }

  /** Moves a record's bodies into this run's pack; without a folder, or if the pack cannot be written, they stay inline. */
  private packBodies(record: StoredRecord): void {
    const kinds = BODY_KINDS.filter((kind) => record[kind] !== undefined);
    if (!kinds.length || !kinds.every((kind) => typeof record[kind] === 'string') || !this.folder) return;
    try {
      if (!this.pending) {
        mkdirSync(this.folder, { recursive: true });
        const name = `pack-${Date.now().toString(36)}${randomBytes(3).toString('hex')}.bin`;
        const temporary = path.join(this.folder, `${name}.${process.pid}.tmp`);
        this.pending = { name, temporary, fd: openSync(temporary, 'wx+'), size: 0 };
        packFiles.set(temporary, this.pending.fd);
        this.packPaths.set(name, temporary);
      }
      const pending = this.pending;
      const refs = kinds.map((kind): [number, number, number] => {
        const bytes = Buffer.from(record[kind] as string, 'utf8');
        const at = pending.size;
        let written = 0;
        while (written < bytes.length) written += writeSync(pending.fd, bytes, written, bytes.length - written, at + written);
        pending.size += bytes.length;
        return [at, bytes.length, crc32(bytes)];
      });
      record.pack = pending.name;
      kinds.forEach((kind, index) => (record[kind] = refs[index]));
    } catch {
      // Kept inline: written into the index itself.
    }
  }

  /**
   * Keeps a slot for this run and turns it into the records the reader returns: the very records
   * the last run in this process returned for it, when the slot is the one it kept (unchanged,
   * from memory), so everything made from them downstream can be known by identity.
   */
  private keep(request: ContentFileRequest, slot: Slot): FileRead {
    this.current.set(request.file, slot);
    const { stored } = slot;
    const made = recordsOf.get(slot);
    let records: SourceRecord<unknown>[];
    if (made && made.kind === request.kind && made.file === request.file) {
      records = made.records;
      if (request.kind === 'article' || request.kind === 'page')
        records.forEach((record, index) => this.bodySources.set(record, { slot, index, request }));
    } else {
      records = stored.records.map((record, index) => this.toRecord(request, slot, record, index));
      recordsOf.set(slot, { kind: request.kind, file: request.file, records });
    }
    return {
      problems: stored.problems ? [...stored.problems] : [],
      records,
      presentId: stored.presentId,
      filing: stored.filing,
    };
  }

  private toRecord(request: ContentFileRequest, slot: Slot, stored: StoredRecord, index: number): SourceRecord<unknown> {
    const markdownOf = this.markdownOf;
    const { data } = stored;
    const file = slot.stored.file;
    const digest = stored.digest ?? slot.stored.digest;
    let written: Written | undefined;
    let lineLocate: SourceRecord<unknown>['locate'] | undefined;
    let raw: Record<string, unknown> | undefined;
    const getWritten = (): Written => (written ??= decodeWritten(stored.written));
    const locate = (path: ReadonlyArray<PropertyKey>): number => (lineLocate ??= locateFromLines(getWritten().lines))(path);
    /** The data as written: made from the validated data and what differs from it, when first asked for. */
    const rawOf = (): Record<string, unknown> => {
      if (!raw) {
        const { rawKeys } = getWritten();
        const rawDiff = stored.rawDiff;
        raw = {};
        for (const key of rawKeys) raw[key] = rawDiff && key in rawDiff ? rawDiff[key] : data[key];
      }
      return raw;
    };
    // Literals of a fixed shape each, with `raw` and `body` as accessors: 10,000 are made quickly.
    if (request.kind === 'article') {
      const record: ArticleRecord = {
        file,
        locate,
        id: stored.id,
        data: data as unknown as ArticleRecord['data'],
        get raw() {
          return rawOf();
        },
        digest,
        slug: stored.slug!,
        get body() {
          return markdownOf(record);
        },
        bodyLine: stored.bodyLine!,
        format: stored.format!,
        bylines: data['authors'] as ArticleRecord['bylines'],
        relatedResolved: data['related'] as ArticleRecord['relatedResolved'],
      };
      this.bodySources.set(record, { slot, index, request });
      return record as SourceRecord<unknown>;
    }
    if (request.kind === 'page') {
      const record: PageRecord = {
        file,
        locate,
        id: stored.id,
        data: data as unknown as PageRecord['data'],
        get raw() {
          return rawOf();
        },
        digest,
        get body() {
          return markdownOf(record);
        },
      };
      this.bodySources.set(record, { slot, index, request });
      return record as SourceRecord<unknown>;
    }
    const record: SourceRecord<unknown> = {
      file,
      locate,
      id: stored.id,
      data,
      get raw() {
        return rawOf();
      },
      digest,
    };
    if (stored.position !== undefined) record.position = stored.position;
    return record;
  }

  /** Whether an article's text-edition body was stored (it is not when it depends on the article's URL). */
  hasText(record: object): boolean {
    const source = this.bodySources.get(record);
    return source?.slot.stored.records[source.index]?.text !== undefined;
  }

  /** The dateline and credits an article record is shown with, from its rendered body. */
  shownAs(record: ArticleRecord): { dateline: string | undefined; credits: string[] } {
    const source = this.bodySources.get(record);
    const shown = source?.slot.stored.records[source.index]?.shown;
    return shown ? { dateline: shown.dateline, credits: shown.credits } : { dateline: record.data.dateline, credits: record.data.credits };
  }

  /** A record's Markdown or HTML body, read from its pack and checked; made again from its file if damaged. */
  body(record: object, which: BodyKind): string {
    const source = this.bodySources.get(record);
    if (!source) throw new Error('expected a record read through this store, found another');
    const stored = source.slot.stored.records[source.index]!;
    const ref = stored[which];
    if (typeof ref === 'string') return ref;
    if (ref && stored.pack !== undefined) {
      const text = this.readPacked(stored.pack, ref);
      if (text !== undefined) return text;
    }
    return this.remake(source, which);
  }

  private readPacked(pack: string, [at, length, crc]: [number, number, number]): string | undefined {
    const file = this.packPaths.get(pack) ?? (this.folder ? path.join(this.folder, pack) : undefined);
    if (!file) return undefined;
    try {
      let fd = packFiles.get(file);
      if (fd === undefined) packFiles.set(file, (fd = openSync(file, 'r')));
      const bytes = Buffer.allocUnsafe(length);
      let read = 0;
      while (read < length) {
        const got = readSync(fd, bytes, read, length - read, at + read);
        if (got === 0) return undefined;
        read += got;
      }
      return crc32(bytes) === crc ? bytes.toString('utf8') : undefined;
    } catch {
      closePack(file);
      return undefined;
    }
  }

  /**
   * A stored body failed its check: the file is read, parsed and rendered again, and named in
   * `damaged`, so that the next run stores it anew. If the file changed since this run read it,
   * the records this run returned no longer describe it, and the body is refused.
   */
  private remake(source: BodySource, which: BodyKind): string {
    const { slot, index, request } = source;
    this.observe({ type: 'damaged', file: request.file });
    this.damaged.add(request.file);
    if (this.folder) {
      try {
        appendFileSync(path.join(this.folder, 'damaged'), `${request.file}\n`);
      } catch {
        // The next run then finds the body damaged again, and makes it again.
      }
    }
    const bytes = readContentBytes(request.absolute, request.file, []);
    if (!bytes || hashBytes(bytes, 16) !== slot.stored.digest) {
      throw new Error(`${request.file} changed while the site was being built (its stored body was damaged, and the file is no longer what was read); build again`);
    }
    this.observe({ type: 'read', file: request.file });
    this.observe({ type: 'parse', file: request.file });
    const record = parseContentBytes(request, bytes, slot.stored.digest).records[index];
    if (!record) throw new Error(`${request.file} no longer yields the entry that was read; build again`);
    if (which === 'markdown') return (record as ArticleRecord | PageRecord).body;
    if (which === 'text') return JSON.stringify(renderArticleText(record as ArticleRecord) ?? null);
    this.observe({ type: 'render', file: request.file });
    return request.kind === 'article' ? renderArticle(record as ArticleRecord).html : renderPage(record as PageRecord);
  }

  /**
   * What reading a picture gave (read-pictures.ts): the stored read when the file's stat is as
   * recorded and not too recent, else `read`'s — which reads the whole file for its digest.
   */
  async picture(absolute: string, contentDir: string, read: (absolute: string, contentDir: string) => Promise<PictureRead>): Promise<PictureRead> {
    const seen = this.picturesSeen.get(absolute);
    if (seen) return seen.read;
    const known = this.storedPictures.get(absolute);
    let stored: StoredPicture;
    if (known && this.isTold(absolute)) stored = known;
    else {
      const info = statSync(absolute, { throwIfNoEntry: false });
      if (info && known && sameStat(known, info) && info.mtimeMs < this.started - RACY_MS) stored = known;
      else {
        this.observe({ type: 'picture', file: absolute });
        const identity = info ? { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino } : { size: -1, mtimeMs: 0, ctimeMs: 0, ino: 0 };
        stored = { ...identity, read: await read(absolute, contentDir) };
        this.picturesChanged = true;
      }
    }
    this.picturesSeen.set(absolute, stored);
    return stored.read;
  }

  /**
   * Writes this run's results: its pack of bodies, then the index, each under a temporary name
   * and renamed into place; then removes the packs no index names and the temporary files of
   * processes that have ended. A store that cannot be written costs the next run time, never a
   * wrong result, so a failure here is not raised (`stats.written` says whether it was written).
   */
  commit(): void {
    if (!this.folder) return;
    try {
      mkdirSync(this.folder, { recursive: true });
      if (this.picturesChanged || (this.picturesSeen.size && this.picturesSeen.size !== this.storedPictures.size)) {
        writeAtomically(path.join(this.folder, 'pictures.json'), JSON.stringify({ reader: this.pictureReader, pictures: Object.fromEntries(this.picturesSeen) }), this.observe);
      }
      const removed = [...this.previous.keys()].some((file) => !this.current.has(file));
      if (!this.changed && !removed && !this.pending && !this.damaged.size) {
        this.remember();
        return;
      }
      this.finishPack();
      const live = this.mergePacks();
      // Unchanged entries are copied as the frames they were read or written as.
      const written = [...this.current.values()].filter((slot) => !slot.volatile);
      for (const slot of written) slot.frame ??= frame(JSON.stringify(slot.stored));
      const index = writeIndex([frame(JSON.stringify(this.header)), ...written.map((slot) => slot.frame!)]);
      writeAtomically(path.join(this.folder, 'index'), index, this.observe);
      const indexStat = statSync(path.join(this.folder, 'index'));
      rmSync(path.join(this.folder, 'damaged'), { force: true });
      this.stats.written = true;
      this.removeUnused(live, indexStat);
      this.remember(live);
    } catch {
      this.stats.written = false;
      remembered.delete(this.folder);
    } finally {
      this.previous.clear();
    }
  }

  /** Keeps this run's entries for the next run of this process, tied to the index file as it now is. */
  private remember(live = this.liveBytes()): void {
    const identity = statSync(path.join(this.folder!, 'index'), { throwIfNoEntry: false });
    if (!identity) {
      remembered.delete(this.folder!);
      return;
    }
    const slots = new Map<string, Slot>();
    for (const [file, slot] of this.current) if (!slot.volatile) slots.set(file, slot);
    const packs = new Map<string, number>();
    for (const pack of live.keys()) packs.set(pack, packSize(path.join(this.folder!, pack)));
    // This store's packs that its entries no longer use are closed: a result is read while it is the latest.
    const prefix = `${this.folder!}${path.sep}`;
    for (const file of [...packFiles.keys()]) {
      if (file.startsWith(prefix) && !live.has(file.slice(prefix.length))) closePack(file);
    }
    remembered.set(this.folder!, { identity, header: JSON.stringify(this.header), slots, pictures: this.picturesSeen, packs });
  }

  private finishPack(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    // No fsync: a pack cut short by a crash fails its CRC when read, and its bodies are made again.
    // The file stays open as it is renamed, for reading: no other process can remove it first.
    const final = path.join(this.folder!, pending.name);
    this.observe({ type: 'write', file: pending.name });
    renameSync(pending.temporary, final);
    packFiles.delete(pending.temporary);
    packFiles.set(final, pending.fd);
    this.packPaths.set(pending.name, final);
  }

  /** Bytes of bodies the current entries use, by pack. */
  private liveBytes(): Map<string, number> {
    const live = new Map<string, number>();
    for (const slot of this.current.values()) {
      for (const record of slot.stored.records) {
        if (record.pack === undefined) continue;
        let bytes = live.get(record.pack) ?? 0;
        for (const kind of BODY_KINDS) {
          const ref = record[kind];
          if (Array.isArray(ref)) bytes += ref[1];
        }
        live.set(record.pack, bytes);
      }
    }
    return live;
  }

  /**
   * Keeps the packs few and mostly in use: with more than `MAX_PACKS`, all but the largest are
   * copied into one new pack; the largest too when less than half of it is still used.
   */
  private mergePacks(): Map<string, number> {
    const live = this.liveBytes();
    const packs = [...live].map(([pack, used]) => {
      const size = statSync(this.packPaths.get(pack) ?? path.join(this.folder!, pack), { throwIfNoEntry: false })?.size ?? 0;
      return { pack, size, used };
    });
    packs.sort((a, b) => b.size - a.size);
    const [largest, ...rest] = packs;
    if (!largest) return live;
    const merge = new Set(packs.length > MAX_PACKS ? rest.map((entry) => entry.pack) : []);
    if (largest.used * 2 < largest.size) merge.add(largest.pack);
    if (!merge.size || (merge.size === 1 && packs.length === 1 && largest.used === largest.size)) return live;
    for (const slot of this.current.values()) {
      for (const record of slot.stored.records) {
        if (record.pack === undefined || !merge.has(record.pack)) continue;
        const texts = BODY_KINDS.map((kind) => {
          const ref = record[kind];
          return Array.isArray(ref) ? this.readPacked(record.pack!, ref) : ref;
        });
        if (BODY_KINDS.some((kind, index) => record[kind] !== undefined && texts[index] === undefined)) {
          // A damaged body is not copied: the entry is left out of the index, and read again next run.
          slot.volatile = true;
          continue;
        }
        const oldPack = record.pack;
        BODY_KINDS.forEach((kind, index) => (record[kind] = texts[index]));
        this.packBodies(record);
        if (record.pack === oldPack) slot.volatile = true;
        slot.frame = undefined;
      }
    }
    this.finishPack();
    return this.liveBytes();
  }

  /** Removes the packs `live` does not name, and temporary files of processes that have ended. */
  private removeUnused(live: Map<string, number>, written: Stats): void {
    // When another process has written the index since, its packs are not this run's to judge:
    // the writer of the newest index removes what that index does not name.
    const ours = sameStat(written, statSync(path.join(this.folder!, 'index'), { throwIfNoEntry: false }) ?? ({ size: -1, mtimeMs: 0, ctimeMs: 0, ino: 0 } as Stats));
    for (const name of readdirSync(this.folder!)) {
      const temporary = /\.(\d+)(?:\.[0-9a-f]+)?\.tmp$/.exec(name);
      const owner = temporary ? Number(temporary[1]) : undefined;
      const unused = owner === undefined ? ours && /^pack-.*\.bin$/.test(name) && !live.has(name) : owner !== process.pid && !isRunning(owner);
      if (!unused) continue;
      closePack(path.join(this.folder!, name));
      rmSync(path.join(this.folder!, name), { force: true });
    }
  }
}

/**
 * Forgets what this process holds of every store — the indexes in memory, the open packs — as a
 * new process would start: the next run of each store reads its files.
 */
export function forgetStores(): void {
  remembered.clear();
  for (const file of [...packFiles.keys()]) closePack(file);
}

/** The folder of one project root's and content folder's store inside the store folder `dir`. */
export function storeFolder(dir: string, root: string, contentDir: string): string {
  return path.join(dir, hashBytes(`${root}\n${contentDir}`, 16));
}
