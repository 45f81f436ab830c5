/** A picture for link previews and structured data: 1200 px wide JPEG, as an absolute URL. */
import { getImage } from 'astro:assets';
import type { ArticleImage } from '../lib/content/model.ts';
import { toAbsoluteUrl } from '../lib/site/urls.ts';

export async function getSocialImageUrl(image: ArticleImage | undefined, siteUrl: string): Promise<string | undefined> {
  // Link previews take raster pictures only; a drawing (SVG) gets none rather than a broken one.
  if (!image || typeof image.src === 'string' || image.src.format === 'svg') return undefined;
  const picture = await getImage({ src: image.src, width: Math.min(1200, image.src.width), format: 'jpeg' });
  return toAbsoluteUrl(siteUrl, picture.src);
}
