/** Builds a small Newsroom through the real `createNewsroom`, from compact article specs. */
import { createNewsroom, type NewsroomInput } from '../../src/lib/content/create-newsroom.ts';
import type { Newsroom, PictureFacts } from '../../src/lib/content/model.ts';
import { siteSchema } from '../../src/schemas/site.ts';

export interface ArticleSpec {
  id: number;
  /** Leave out for an undated article. */
  date?: string;
  section?: string;
  topics?: string[];
  authors?: Array<string | { name: string }>;
  related?: Array<number | { kicker?: string; headline: string; teaser?: string }>;
  comments?: number;
  /** A picture, with these facts in place of makePicture's. */
  image?: boolean | Partial<PictureFacts>;
  /** The content store's digest of the entry. */
  digest?: string;
  draft?: boolean;
  headline?: string;
}

/** A picture's facts as the reader reads them, for a file that need not exist. */
export function makePicture(overrides: Partial<PictureFacts> = {}): PictureFacts {
  return { file: 'images/bild.jpg', width: 1600, height: 900, format: 'jpeg', digest: 'ab'.repeat(32), ...overrides };
}

export function makeNewsroom(
  specs: ArticleSpec[],
  options: {
    now?: string;
    preview?: boolean;
    site?: Record<string, unknown>;
    /** The author `jb`'s name. */
    authorName?: string;
    /** The last newsroom, to take unchanged objects over from. */
    previous?: Newsroom;
  } = {},
): Newsroom {
  return createNewsroom(
    makeNewsroomInput(specs, options),
    { now: new Date(options.now ?? '2030-01-01T00:00:00Z'), preview: options.preview ?? false },
    options.previous,
  );
}

/** The input `makeNewsroom` builds a newsroom from. */
export function makeNewsroomInput(
  specs: ArticleSpec[],
  options: { site?: Record<string, unknown>; authorName?: string } = {},
): NewsroomInput {
  return {
    site: siteSchema.parse({ title: 'Testblatt', url: 'https://test.example', ...options.site }),
    sections: [
      { id: 'politik', name: 'Politik' },
      { id: 'wirtschaft', name: 'Wirtschaft' },
    ],
    topics: ['a', 'b', 'c', 'd'].map((id) => ({ id, name: id.toUpperCase() })),
    authors: [{ id: 'jb', data: { name: options.authorName ?? 'Jana Beispiel', links: [] } }],
    pages: [],
    articles: specs.map((spec) => ({
      slug: `artikel-${spec.id}`,
      ...(spec.digest === undefined ? {} : { digest: spec.digest }),
      data: {
        id: spec.id,
        headline: spec.headline ?? `Artikel ${spec.id}`,
        teaser: 'Teaser.',
        ...(spec.date === undefined ? {} : { date: spec.date }),
        section: spec.section ?? 'politik',
        topics: spec.topics ?? [],
        authors: spec.authors ?? [],
        credits: [],
        related: spec.related ?? [],
        aliases: [],
        draft: spec.draft ?? false,
        ...(spec.comments === undefined ? {} : { comments: spec.comments }),
        ...(spec.image ? { image: { src: makePicture(spec.image === true ? {} : spec.image), alt: 'Bild' } } : {}),
      },
    })),
  };
}

export const ids = (articles: ReadonlyArray<{ id: number }>): number[] => articles.map((article) => article.id);
