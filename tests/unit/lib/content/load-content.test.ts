import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNewsroom } from '../../../../src/lib/content/create-newsroom.ts';
import { loadContent } from '../../../../src/lib/content/load-content.ts';
import { hashBytes } from '../../../../src/lib/hash.ts';
import { projectRoot } from '../../../helpers/build-fixture.ts';

describe('loadContent', () => {
  it('hands createNewsroom the facts of every picture, which it puts on articles and authors', async () => {
    const contentDir = path.join(projectRoot, 'tests/fixtures/basic/content');
    const now = new Date('2026-11-20T12:00:00+01:00');
    const { input } = await loadContent({ root: projectRoot, contentDir, now });
    const newsroom = createNewsroom(input!, { now, preview: false });
    const digest = async (file: string): Promise<string> => hashBytes(await readFile(path.join(contentDir, file)));
    expect(newsroom.articles.find((article) => article.slug === 'amazon')?.image?.src).toEqual({
      file: 'images/server.jpg',
      width: 640,
      height: 400,
      format: 'jpeg',
      digest: await digest('images/server.jpg'),
    });
    expect(newsroom.authors.find((author) => author.id === 'tkleinz')?.image).toEqual({
      file: 'authors/tkleinz.jpg',
      width: 200,
      height: 200,
      format: 'jpeg',
      digest: await digest('authors/tkleinz.jpg'),
    });
    // Facts are plain data: what the engine hands pages through Astro.locals survives a copy.
    expect(structuredClone(newsroom.articles.map((article) => article.image))).toEqual(
      newsroom.articles.map((article) => article.image),
    );
  });
});
