import { describe, expect, it } from 'vitest';
import {
  getPictureImage,
  getPictureName,
  getSocialPicture,
  getSocialPictureUrl,
  listPictureVariants,
  listSitePictures,
  parsePictureUrl,
} from '../../../../src/lib/site/pictures.ts';
import { makeNewsroom, makePicture } from '../../../helpers/make-newsroom.ts';

const widthsOf = (srcset: string | undefined): number[] =>
  (srcset ?? '').split(', ').flatMap((part) => (part ? [Number(/ (\d+)w$/.exec(part)![1])] : []));

describe('getPictureImage', () => {
  it('offers only the widths no wider than the picture, with the picture at its own width as src', () => {
    const narrow = makePicture({ width: 640, height: 400 });
    const figure = getPictureImage(narrow, 'figure');
    expect(widthsOf(figure.srcset)).toEqual([400]);
    expect(figure.src).toMatch(/^\/_astro\/bild\.[0-9a-f]{8}-640\.webp$/);
    expect(figure).toMatchObject({ width: 640, height: 400, sizes: '(min-width: 64rem) 44rem, 100vw' });
    expect(widthsOf(getPictureImage(makePicture({ width: 2000 }), 'figure').srcset)).toEqual([400, 800, 1200]);
    expect(widthsOf(getPictureImage(narrow, 'lead').srcset)).toEqual([480]);
    expect(widthsOf(getPictureImage(narrow, 'teaser').srcset)).toEqual([320, 480]);
    expect(widthsOf(getPictureImage(makePicture({ width: 200, height: 200 }), 'portrait').srcset)).toEqual([96, 192]);
  });

  it('gives no srcset when no width offered fits, so the picture is its own src', () => {
    const tiny = getPictureImage(makePicture({ width: 300, height: 200 }), 'teaser');
    expect(tiny.srcset).toBeUndefined();
    expect(tiny.src).toMatch(/-300\.webp$/);
    expect(tiny.sizes).toBe('(min-width: 48rem) 12rem, 100vw');
  });

  it('serves a drawing as it is: one SVG file with its size, no srcset and no sizes', () => {
    const drawing = makePicture({ file: 'images/grafik.svg', format: 'svg', width: 300, height: 200 });
    expect(getPictureImage(drawing, 'figure')).toEqual({
      src: expect.stringMatching(/^\/_astro\/grafik\.[0-9a-f]{8}\.svg$/),
      srcset: undefined,
      sizes: undefined,
      width: 300,
      height: 200,
    });
    expect(listPictureVariants(drawing, ['figure', 'teaser', 'social'])).toEqual([
      {
        width: 300,
        height: 200,
        format: 'svg',
        url: getPictureImage(drawing, 'teaser').src,
        cacheFile: expect.any(String),
      },
    ]);
  });
});

describe('the variants of a picture', () => {
  it('are WebP for pages and one JPEG of at most 1200 pixels for link previews and feeds', () => {
    const picture = makePicture({ width: 2400, height: 1600 });
    const variants = listPictureVariants(picture, ['figure', 'lead', 'teaser', 'social']);
    expect(variants.map(({ format, width, height }) => `${format} ${width}×${height}`)).toEqual([
      'jpeg 1200×800',
      'webp 320×213',
      'webp 400×267',
      'webp 480×320',
      'webp 800×533',
      'webp 1200×800',
      'webp 2400×1600',
    ]);
    expect(getSocialPicture(makePicture({ width: 640, height: 400 }))?.width).toBe(640);
    expect(getSocialPictureUrl({ src: picture, alt: 'Bild' }, 'https://zeitung.example')).toMatch(
      /^https:\/\/zeitung\.example\/_astro\/bild\.[0-9a-f]{8}-1200\.jpeg$/,
    );
  });

  it('keep their names from build to build, and a changed picture gets new ones', () => {
    const picture = makePicture();
    const again = makePicture();
    const replaced = makePicture({ digest: 'cd'.repeat(32) });
    const urls = (facts: typeof picture) => listPictureVariants(facts, ['figure', 'social']).map(({ url }) => url);
    expect(urls(again)).toEqual(urls(picture));
    expect(urls(replaced).filter((url) => urls(picture).includes(url))).toEqual([]);
    const caches = (facts: typeof picture) => listPictureVariants(facts, ['figure']).map(({ cacheFile }) => cacheFile);
    expect(caches(replaced).filter((file) => caches(picture).includes(file))).toEqual([]);
  });

  it('are named after the file, URL-safe, and the URL can be read back', () => {
    expect(getPictureName('images/Straßenbahn am Morgen.JPG')).toBe('strassenbahn-am-morgen');
    expect(getPictureName('images/北京.jpg')).toBe('picture');
    for (const variant of listPictureVariants(makePicture(), ['figure', 'social'])) {
      expect(parsePictureUrl(variant.url)).toEqual({
        name: 'bild',
        hash: /\.([0-9a-f]{8})-/.exec(variant.url)![1],
        width: variant.width,
        format: variant.format,
      });
    }
    expect(parsePictureUrl('/_astro/bild.0123abcd.svg')).toMatchObject({ width: undefined, format: 'svg' });
    expect(parsePictureUrl('/_astro/index.BkCd12.css')).toBeUndefined();
    expect(parsePictureUrl('/_astro/bild.0123abcd.webp')).toBeUndefined();
  });
});

describe('listSitePictures', () => {
  it('lists each picture file once, with the variants of every place it is shown', () => {
    const newsroom = makeNewsroom([
      { id: 1, date: '2024-01-01 09:00', image: true },
      { id: 2, date: '2024-01-02 09:00', image: true },
      { id: 3, date: '2024-01-03 09:00', image: true },
    ]);
    newsroom.articleById.get(2)!.image!.src = makePicture({ file: 'images/zwei.jpg', digest: 'ef'.repeat(32) });
    newsroom.authors[0]!.image = makePicture({ file: 'authors/jb.jpg', width: 200, height: 200 });
    const pictures = listSitePictures(newsroom, '/zeitung/content');
    expect(pictures.map(({ source }) => source)).toEqual([
      '/zeitung/content/authors/jb.jpg',
      '/zeitung/content/images/bild.jpg',
      '/zeitung/content/images/zwei.jpg',
    ]);
    expect(pictures[0]!.variants.map(({ width }) => width)).toEqual([96, 192, 200]);
    expect(pictures[1]!.variants).toEqual(
      listPictureVariants(pictures[1]!.facts, ['figure', 'lead', 'teaser', 'social']),
    );
  });
});
