/**
 * Field types shared by several schemas. Kept here so every schema says "a slug" or "a publication
 * time" the same way, with the same message when it is wrong.
 */
import { z } from 'astro/zod';
import { parseWrittenTime } from '../lib/dates.ts';

/** The `image()` helper Astro passes to a schema; the reader and bare tests pass a plain string schema. */
export type ImageField<T extends z.ZodType = z.ZodType> = () => T;

/** What Depesche's own validation stands in for `image()`: the path as written. */
export const imagePath: ImageField<z.ZodString> = () => z.string();

/** Lower-case words joined by hyphens: the shape of every id that appears in a URL. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slug = () =>
  z.string().regex(SLUG_PATTERN, {
    error: 'expected a slug of lower-case letters, digits and hyphens (like "wirtschaft")',
  });

/** A date, or date and time, optionally with an offset; local times are read in the paper's zone. */
export const publicationTime = () =>
  z.string().refine((text) => parseWrittenTime(text) !== null, {
    error: 'expected a real date and time like "2010-12-13 18:45" or "2010-12-13T18:45:00+01:00"',
  });

/** A non-empty line of text, trimmed of surrounding blanks. */
export const line = () => z.string().trim().min(1, { error: 'expected text, found an empty value' });

/** An absolute http(s) URL or a site-relative path starting with "/". */
export const link = () =>
  z.string().refine((value) => /^(https?:\/\/|\/(?!\/))/.test(value) && !/\s/.test(value), {
    error: 'expected a link starting with "https://", "http://" or "/"',
  });
