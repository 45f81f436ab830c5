/**
 * The pictures' URL scheme: for a picture and the place it is shown, the variants (width, height,
 * format) and the immutable URL of each, and what its `<img>` names. Pure: the files themselves are
 * made by lib/publish/picture-files.ts, from the same variants.
 *
 * The widths, formats and `sizes` are those astro:assets was given until pictures moved out of
 * Astro's build (issue #11), so pages and files stay as they were but for the names: WebP in the
 * listed widths no wider than the picture, the picture's own width as `src`, and a 1200-pixel JPEG
 * for link previews and feeds. A drawing (SVG) scales by itself and is published as it is.
 *
 * A variant's name is `/_astro/<name>.<hash>-<width>.<format>`: `<hash>` follows the bytes of the
 * source and the encoding recipe, so a replaced picture gets new URLs and a URL never names two
 * different files, which is what lets `/_astro/` be served as immutable.
 */
import path from 'node:path';
import { hashBytes } from '../hash.ts';
import { slugify } from '../content/slugs.ts';
import type { ArticleImage, Newsroom, PictureFacts } from '../content/model.ts';
import { toAbsoluteUrl } from './urls.ts';

/** The site folder the variants are written to, with Astro's styles and scripts. */
export const PICTURE_FOLDER = '_astro';

/**
 * The encoding every variant is made with (picture-files.ts). Change it whenever the encoding
 * changes: the variants then get new names and new cache entries, rather than new bytes under an
 * old URL that browsers and CDNs keep for a year.
 */
export const PICTURE_RECIPE = 'astro-sharp-1';

/** Where a picture is shown, each with the widths offered and the slot it fills (`sizes`). */
export const PICTURE_USES = {
  /** The article page's picture. */
  figure: { widths: [400, 800, 1200], sizes: '(min-width: 64rem) 44rem, 100vw' },
  /** The front page's lead story. */
  lead: { widths: [480, 800, 1200], sizes: '(min-width: 64rem) 40rem, 100vw' },
  /** A teaser in a list. */
  teaser: { widths: [320, 480], sizes: '(min-width: 48rem) 12rem, 100vw' },
  /** An author page's portrait. */
  portrait: { widths: [96, 192], sizes: '6rem' },
} as const satisfies Record<string, { widths: readonly number[]; sizes: string }>;

export type PictureUse = keyof typeof PICTURE_USES;

/** The link-preview and feed picture: at most this wide, as JPEG, which every previewer reads. */
const SOCIAL_WIDTH = 1200;

export type VariantFormat = 'webp' | 'jpeg' | 'svg';

export interface PictureVariant {
  width: number;
  height: number;
  /** `svg`: the file as it is. */
  format: VariantFormat;
  /** Site path, e.g. `/_astro/server.1a2b3c4d-400.webp`. */
  url: string;
  /** Path inside the picture cache, by the source's digest: the same bytes give the same entry. */
  cacheFile: string;
}

/** What an `<img>` of the picture names, as astro:assets' `<Image>` printed it. */
export interface PictureImage {
  src: string;
  /** Missing when no listed width fits the picture: `src` alone then. */
  srcset: string | undefined;
  sizes: string | undefined;
  width: number;
  height: number;
}

/** The name part of a picture's URLs: its file name, made URL-safe. */
export function getPictureName(file: string): string {
  return slugify(path.posix.basename(file).replace(/\.[^.]+$/, '')) || 'picture';
}

function getPictureHash(picture: PictureFacts): string {
  return hashBytes(`${PICTURE_RECIPE}:${picture.digest}`, 8);
}

/** The variant `width` pixels wide in `format`; the height keeps the picture's proportions. */
function getVariant(picture: PictureFacts, width: number, format: VariantFormat): PictureVariant {
  const base = `${getPictureName(picture.file)}.${getPictureHash(picture)}`;
  if (format === 'svg') {
    return {
      width: picture.width,
      height: picture.height,
      format,
      url: `/${PICTURE_FOLDER}/${base}.svg`,
      cacheFile: `${PICTURE_RECIPE}/${picture.digest}.svg`,
    };
  }
  // Rounded as astro:assets rounds it, so the sizes in the HTML stay what they were.
  const aspectRatio = picture.width / picture.height;
  return {
    width,
    height: Math.round(width / aspectRatio),
    format,
    url: `/${PICTURE_FOLDER}/${base}-${width}.${format}`,
    cacheFile: `${PICTURE_RECIPE}/${picture.digest}-${width}.${format}`,
  };
}

/** Widths offered for a use: only those no wider than the picture, which is never enlarged. */
function listUseWidths(picture: PictureFacts, use: PictureUse): number[] {
  return PICTURE_USES[use].widths.filter((width) => width <= picture.width);
}

/** What the `<img>` of `picture` shown as `use` names. */
export function getPictureImage(picture: PictureFacts, use: PictureUse): PictureImage {
  if (picture.format === 'svg') {
    const { url, width, height } = getVariant(picture, picture.width, 'svg');
    return { src: url, srcset: undefined, sizes: undefined, width, height };
  }
  const widths = listUseWidths(picture, use);
  return {
    src: getVariant(picture, picture.width, 'webp').url,
    srcset: widths.length
      ? widths.map((width) => `${getVariant(picture, width, 'webp').url} ${width}w`).join(', ')
      : undefined,
    sizes: PICTURE_USES[use].sizes,
    width: picture.width,
    height: picture.height,
  };
}

/** The link-preview and feed variant; none for a drawing, which previewers do not show. */
export function getSocialPicture(picture: PictureFacts): PictureVariant | undefined {
  return picture.format === 'svg' ? undefined : getVariant(picture, Math.min(SOCIAL_WIDTH, picture.width), 'jpeg');
}

/** The absolute URL of an article picture's link-preview variant, for `og:image`, JSON-LD and feeds. */
export function getSocialPictureUrl(image: ArticleImage | undefined, siteUrl: string): string | undefined {
  const social = image && getSocialPicture(image.src);
  return social && toAbsoluteUrl(siteUrl, social.url);
}

/** Every variant of `picture` that its uses show, each once: the files a site needs of it. */
export function listPictureVariants(
  picture: PictureFacts,
  uses: ReadonlyArray<PictureUse | 'social'>,
): PictureVariant[] {
  if (picture.format === 'svg') return [getVariant(picture, picture.width, 'svg')];
  const variants = new Map<string, PictureVariant>();
  for (const use of uses) {
    const wanted =
      use === 'social'
        ? [getSocialPicture(picture)!]
        : [picture.width, ...listUseWidths(picture, use)].map((width) => getVariant(picture, width, 'webp'));
    for (const variant of wanted) variants.set(variant.url, variant);
  }
  return [...variants.values()].sort((a, b) => a.format.localeCompare(b.format) || a.width - b.width);
}

/** A picture the site shows: where its file is, and the variants to publish of it. */
export interface SitePicture {
  /** The picture's file, absolute. */
  source: string;
  facts: PictureFacts;
  variants: PictureVariant[];
}

const ARTICLE_USES = ['figure', 'lead', 'teaser', 'social'] as const;

/**
 * Every picture the newsroom's pages show, each file once, with the variants of all its uses. An
 * article's picture is shown on its page, in its section's list and in link previews, and may lead
 * the front page; an author's portrait on the author's page. Hidden articles (drafts, embargoes)
 * are not in the newsroom, so their pictures are not published before they are.
 */
export function listSitePictures(newsroom: Newsroom, contentDir: string): SitePicture[] {
  const uses = new Map<string, { facts: PictureFacts; uses: Set<PictureUse | 'social'> }>();
  const add = (facts: PictureFacts, more: ReadonlyArray<PictureUse | 'social'>): void => {
    const entry = uses.get(facts.file) ?? { facts, uses: new Set() };
    for (const use of more) entry.uses.add(use);
    uses.set(facts.file, entry);
  };
  for (const article of newsroom.articles) if (article.image) add(article.image.src, ARTICLE_USES);
  for (const author of newsroom.authors) if (author.image) add(author.image, ['portrait']);
  return [...uses.values()]
    .sort((a, b) => (a.facts.file < b.facts.file ? -1 : 1))
    .map(({ facts, uses }) => ({
      source: path.join(contentDir, facts.file),
      facts,
      variants: listPictureVariants(facts, [...uses]),
    }));
}

/** The parts of a variant URL, for the dev server to find the picture it names. */
export function parsePictureUrl(
  url: string,
): { name: string; hash: string; width: number | undefined; format: VariantFormat } | undefined {
  const match = /^\/_astro\/([a-z0-9-]+)\.([0-9a-f]{8})(?:-(\d+))?\.(webp|jpeg|svg)$/.exec(url);
  if (!match || (match[4] === 'svg') !== (match[3] === undefined)) return undefined;
  return {
    name: match[1]!,
    hash: match[2]!,
    width: match[3] === undefined ? undefined : Number(match[3]),
    format: match[4] as VariantFormat,
  };
}
