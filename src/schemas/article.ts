/**
 * An article: the front matter of `content/articles/**\/*.md`. Field names follow the newsroom,
 * after taz: kicker over headline, teaser, dateline with agency credits.
 */
import { z } from 'astro/zod';
import { type ImageField, type imagePath, line, publicationTime, slug } from './fields.ts';

export const createArticleImageSchema = <T extends z.ZodType>(image: ImageField<T>) =>
  z.strictObject({
    /** Image file, relative to the article file; resized and converted by astro:assets. */
    src: image(),
    /** What the picture shows, for readers who cannot see it. */
    alt: line(),
    /** Caption printed under the picture. */
    caption: line().optional(),
    /** Photographer and agency, e.g. "Foto: Jana Beispiel/dpa". */
    credit: line().optional(),
  });

export const createArticleSchema = <T extends z.ZodType>(image: ImageField<T>) =>
  z.strictObject({
    /** Stable numeric article id, unique in the paper (like taz's 5130574); never reused. */
    id: z.number({ error: 'expected a whole number like 5130574' }).int().positive(),
    /** URL name of the article; defaults to the file name. Editing the headline never changes it. */
    slug: slug().optional(),
    /** Dachzeile: the short line above the headline. */
    kicker: line().optional(),
    /** The headline. */
    headline: line(),
    /** The teaser (Vorspann): one or two sentences under the headline and in lists. */
    teaser: line(),
    /** Publication time; without an offset it is read in the paper's time zone. */
    date: publicationTime(),
    /** Time of the last substantive update, if any. */
    updated: publicationTime().optional(),
    /** Correction note shown with the update ("In einer früheren Fassung …"); needs `updated`. */
    correction: line().optional(),
    /** Ressort id from `content/sections.yaml`. */
    section: slug(),
    /** Topic ids from `content/topics.yaml`. */
    topics: z.array(slug()).default([]),
    /** Author ids (file names in `content/authors/`); empty for agency-only pieces. */
    authors: z.array(slug()).default([]),
    /** Agencies and sources credited in the dateline: dpa, rtr, AFP, taz … */
    credits: z.array(line()).default([]),
    /** Place name that opens the first paragraph, e.g. "LONDON/BERLIN". */
    dateline: line().optional(),
    /** Lead image with caption and credit. */
    image: createArticleImageSchema(image).optional(),
    /** Ids of articles shown first under "Artikel zum Thema". */
    related: z.array(z.number().int().positive()).default([]),
    /** Reader comment count, for the "meistkommentiert" box. */
    comments: z.number().int().nonnegative().optional(),
    /** Drafts are shown by `npm run dev` but never built for publication. */
    draft: z.boolean().default(false),
    /** Language of the article (BCP 47, e.g. "de", "en"); defaults to the site's locale. */
    lang: z
      .string()
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { error: 'expected a language tag like "de" or "en-GB"' })
      .optional(),
  });

/** An article's fields as validated, with the image as the path written in the file. */
export type ArticleData = z.output<ReturnType<typeof createArticleSchema<ReturnType<typeof imagePath>>>>;
