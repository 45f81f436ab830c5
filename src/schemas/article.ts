/**
 * An article: the front matter of `content/articles/**\/*.md`. Field names follow the newsroom,
 * after taz: kicker over headline, teaser, dateline with agency credits.
 */
import { z } from 'astro/zod';
import { aliasPath, type ImageField, type imagePath, line, publicationTime, slug, uniqueList } from './fields.ts';

export const createArticleImageSchema = <T extends z.ZodType>(image: ImageField<T>) =>
  z
    .strictObject({
      /** Image file, relative to the article file; published in several widths (lib/site/pictures.ts). */
      src: image().optional(),
      /** What the picture shows, for readers who cannot see it; required with `src`. */
      alt: line().optional(),
      /** Caption printed under the picture. */
      caption: line().optional(),
      /** Photographer and agency, e.g. "Foto: Jana Beispiel/dpa". */
      credit: line().optional(),
    })
    .check((context) => {
      if (context.value.src !== undefined && context.value.alt === undefined) {
        context.issues.push({
          code: 'custom',
          input: context.value,
          path: ['alt'],
          message: 'expected text describing the picture (alt), found nothing: it is required with src',
        });
      }
    });

/** A byline entry without an author page: a name as printed, e.g. from an imported text. */
export const guestAuthorSchema = z.strictObject({
  /** Name as printed in the byline. */
  name: line(),
});

/** A related article named by its headline, e.g. from an imported text; linked when it resolves. */
export const relatedHeadlineSchema = z.strictObject({
  /** Kicker of the related article, if given. */
  kicker: line().optional(),
  /** Headline of the related article. */
  headline: line(),
  /** Its teaser, shown when the article is not in this paper. */
  teaser: line().optional(),
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
    /** Publication time; without an offset it is read in the paper's time zone. Undated articles build with a warning. */
    date: publicationTime().optional(),
    /** Time of the last substantive update, if any. */
    updated: publicationTime().optional(),
    /** Correction note shown with the update ("In einer früheren Fassung …"); needs `updated`. */
    correction: line().optional(),
    /** Ressort id from `content/sections.yaml`; defaults to the name of the article's folder. */
    section: slug(),
    /** Topic ids from `content/topics.yaml`. */
    topics: uniqueList(slug()).default([]),
    /** Author ids (file names in `content/authors/`), or `{name}` for a byline without an author page. */
    authors: uniqueList(
      z.union([slug(), guestAuthorSchema], {
        error: 'expected an author id like "jbeispiel" or {name: "Jana Beispiel"}',
      }),
    ).default([]),
    /** Agencies and sources credited in the dateline: dpa, rtr, AFP, taz … */
    credits: uniqueList(line()).default([]),
    /** Place name that opens the first paragraph, e.g. "LONDON/BERLIN". */
    dateline: line().optional(),
    /** Lead image with caption and credit. */
    image: createArticleImageSchema(image).optional(),
    /** Articles shown first under "Artikel zum Thema": ids, or {kicker, headline, teaser} found by headline. */
    related: uniqueList(
      z.union([z.number().int().positive(), relatedHeadlineSchema], {
        error: 'expected an article id like 5130574 or {kicker, headline, teaser}',
      }),
    ).default([]),
    /** Reader comment count, for the "meistkommentiert" box. */
    comments: z.number().int().nonnegative().optional(),
    /** Drafts are shown by `npm run dev` but never built for publication. */
    draft: z.boolean().default(false),
    /** Old addresses of this article (site paths like "/alt/adresse/"), answered with a 301 redirect. */
    aliases: uniqueList(aliasPath()).default([]),
    /** Where `npm run import` made this file from, and a hash that tells whether it was edited since. */
    imported: z
      .strictObject({
        /** The imported file. */ source: line(),
        /** Hash of the fields and body as imported. */ hash: line(),
      })
      .optional(),
    /** Language of the article (BCP 47, e.g. "de", "en"); defaults to the site's locale. */
    lang: z
      .string()
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { error: 'expected a language tag like "de" or "en-GB"' })
      .optional(),
  });

/** An article's fields as validated, with the image as the path written in the file. */
export type ArticleData = z.output<ReturnType<typeof createArticleSchema<ReturnType<typeof imagePath>>>>;
export type GuestAuthor = z.output<typeof guestAuthorSchema>;
export type RelatedHeadline = z.output<typeof relatedHeadlineSchema>;
