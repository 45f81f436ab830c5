/**
 * Field types shared by several schemas. Kept here so every schema says "a slug" or "a publication
 * time" the same way, with the same message when it is wrong.
 */
import { z } from 'astro/zod';
import { parseWrittenTime, PUBLICATION_YEARS } from '../lib/content/dates.ts';

/** How a schema is told what a picture field holds: the path as written, or the picture's facts. */
export type ImageField<T extends z.ZodType = z.ZodType> = () => T;

/** What the reader validates: the path as written, relative to the file (checked by check-newsroom). */
export const imagePath: ImageField<z.ZodString> = () => z.string();

/** The picture formats Depesche publishes, as sharp names them (an AVIF file reads as "heif"). */
export const PICTURE_FORMATS = ['jpeg', 'png', 'webp', 'avif', 'heif', 'gif', 'tiff', 'svg'] as const;

/**
 * What the content store and the pages hold for a picture: plain facts read once from its file
 * (lib/content/read-pictures.ts), not a module import, so they serialise into props, cache keys and
 * the content store, and publishing needs no bundler to know them.
 */
export const pictureFacts = () =>
  z.strictObject({
    /** The file, relative to the content folder, with forward slashes: `images/server.jpg`. */
    file: z.string(),
    /** Size in pixels as displayed: a camera's EXIF rotation applied. */
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    format: z.enum(PICTURE_FORMATS),
    /** SHA-256 of the file's bytes (lib/hash.ts): variant names and cache entries follow it. */
    digest: z.string(),
  });

export type PictureFacts = z.output<ReturnType<typeof pictureFacts>>;

/** Lower-case words joined by hyphens: the shape of every id that appears in a URL. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slug = () =>
  z.string().regex(SLUG_PATTERN, {
    error: 'expected a slug of lower-case letters, digits and hyphens (like "wirtschaft")',
  });

/** A date, or date and time, optionally with an offset; local times are read in the paper's zone. */
export const publicationTime = () =>
  z
    .string()
    .refine((text) => parseWrittenTime(text) !== null, {
      error: 'expected a real date and time like "2010-12-13 18:45" or "2010-12-13T18:45:00+01:00"',
      abort: true,
    })
    .refine(
      (text) => {
        const year = parseWrittenTime(text)!.year;
        return year >= PUBLICATION_YEARS.first && year <= PUBLICATION_YEARS.last;
      },
      {
        error: `expected a year from ${PUBLICATION_YEARS.first} to ${PUBLICATION_YEARS.last} (is a digit missing or doubled?)`,
      },
    );

/** A non-empty line of text, trimmed of surrounding blanks. */
export const line = () => z.string().trim().min(1, { error: 'expected text, found an empty value' });

/** An absolute http(s) URL or a site-relative path starting with "/". */
export const link = () =>
  z.string().refine((value) => /^(https?:\/\/|\/(?!\/))/.test(value) && !/\s/.test(value), {
    error: 'expected a link starting with "https://", "http://" or "/"',
  });

/**
 * A list whose items count once: `topics: [wohnen, wohnen]` is one topic. The reader warns about
 * the repeat (content/find-repeated-items.ts); the schema only keeps the first of each.
 */
export const uniqueList = <T extends z.ZodType>(item: T) =>
  z.array(item).transform((items) => {
    const seen = new Set<string>();
    return items.filter((value) => {
      const key = JSON.stringify(value);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });

const ALIAS_SEGMENT = '[\\p{L}\\p{N}\\-._~!*(),+:@=&]+';
/** Segments joined by single slashes, so the pattern cannot backtrack on a long hostile path. */
const ALIAS_PATTERN = new RegExp(`^/(?:${ALIAS_SEGMENT}(?:/${ALIAS_SEGMENT})*/?)?$`, 'u');

/**
 * An old address, written into nginx's config and `_redirects` as it is: only characters that
 * need no quoting there, and no "." or ".." segment, which servers resolve before matching.
 */
export const aliasPath = () =>
  z
    .string()
    .refine((value) => ALIAS_PATTERN.test(value) && !value.split('/').some((part) => part === '.' || part === '..'), {
      error:
        'expected a site path starting with "/", of letters, digits and - . _ ~ ! * ( ) , + : @ = & between single slashes (like "/2010/12/13/alter-titel/")',
    });
