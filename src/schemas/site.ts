/** Site settings: `content/site.yaml`, one per paper. */
import { z } from 'astro/zod';
import { line, link, slug } from './fields.ts';

const navigationItem = z.union(
  [
    z.strictObject({ /** A section by id. */ section: slug() }),
    z.strictObject({ /** A topic by id. */ topic: slug() }),
    z.strictObject({ /** A static page by file name. */ page: slug() }),
    z.strictObject({ /** Link text. */ label: line(), /** Link target. */ url: link() }),
  ],
  { error: 'expected one of {section: id}, {topic: id}, {page: name} or {label, url}' },
);

export const siteSchema = z.strictObject({
  /** Name of the paper, shown in the masthead and titles. */
  title: line(),
  /** Line under the masthead. */
  tagline: line().optional(),
  /** Public address of the published site, e.g. "https://zeitung.example"; used for canonical links. */
  url: z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) address' }),
  /** Locale (BCP 47) for interface text and dates; "de" and "en" have interface text. */
  locale: z
    .string()
    .regex(/^[a-z]{2}(?:-[A-Z]{2})?$/, { error: 'expected a locale like "de-DE" or "en-GB"' })
    .default('de-DE'),
  /** IANA time zone in which dates are written and shown. */
  timeZone: z
    .string()
    .refine(
      (zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      },
      { error: 'expected an IANA time zone like "Europe/Berlin"' },
    )
    .default('Europe/Berlin'),
  /** Header navigation; defaults to all sections in order. */
  navigation: z.array(navigationItem).optional(),
  /** Reader-support appeal shown on the front page and under every article. */
  support: z
    .strictObject({
      /** Heading of the appeal. */
      heading: line(),
      /** Body text of the appeal. */
      text: line(),
      /** Call to action. */
      label: line(),
      /** Where the call to action leads. */
      url: link(),
    })
    .optional(),
  /** The "meistkommentiert" box. */
  mostCommented: z
    .strictObject({
      /** Only articles published within this many days before the newest article count. */
      days: z.number().int().positive().default(7),
      /** How many articles the box lists. */
      count: z.number().int().positive().max(20).default(5),
    })
    .default({ days: 7, count: 5 }),
  /** Feeds (RSS, Atom, JSON Feed) for the paper and every section, topic and author. */
  feeds: z
    .strictObject({
      /** Whole articles in feeds, or only kicker, headline and teaser. */
      fullText: z.boolean().default(false),
      /** How many of the newest articles a feed holds. */
      items: z.number().int().positive().max(500).default(50),
    })
    .default({ fullText: false, items: 50 }),
  /** Caching by CDNs and browsers of pages, feeds and sitemaps (hashed assets are cached for a year). */
  cache: z
    .strictObject({
      /** Seconds a page is fresh. */
      maxAge: z.number().int().nonnegative().default(300),
      /** Seconds a stale page may be served while a fresh one is fetched. */
      staleWhileRevalidate: z.number().int().nonnegative().default(600),
      /** Seconds a stale page may be served when the origin fails. */
      staleIfError: z.number().int().nonnegative().default(86400),
    })
    .default({ maxAge: 300, staleWhileRevalidate: 600, staleIfError: 86400 }),
  /** The nginx server block written beside the site (`nginx.conf`). */
  nginx: z
    .strictObject({
      /**
       * Serve the precompressed `.br` files with `brotli_static on`: only for an nginx with the
       * brotli module (Debian: libnginx-mod-http-brotli-static), which a stock nginx lacks and refuses.
       */
      brotliStatic: z.boolean().default(false),
    })
    .default({ brotliStatic: false }),
  /** Section for articles that name none and whose folder is not a section; defaults to the first section. */
  defaultSection: slug().optional(),
  /** Articles per page on section, topic and author pages. */
  pageSize: z.number().int().positive().max(200).default(20),
});

export type SiteData = z.output<typeof siteSchema>;
