/** Wires Depesche's loader to the schemas; nothing else belongs here. */
import { defineCollection } from 'astro:content';
import { getContentDir } from './lib/content/content-dir.ts';
import { newsroomLoader } from './loaders/newsroom-loader.ts';
import { createArticleSchema } from './schemas/article.ts';
import { createAuthorSchema } from './schemas/author.ts';
import { pictureFacts } from './schemas/fields.ts';
import { pageSchema } from './schemas/page.ts';
import { sectionSchema } from './schemas/section.ts';
import { siteSchema } from './schemas/site.ts';
import { topicSchema } from './schemas/topic.ts';

const contentDir = getContentDir();

export const collections = {
  site: defineCollection({ loader: newsroomLoader('site', { contentDir }), schema: siteSchema }),
  sections: defineCollection({ loader: newsroomLoader('sections', { contentDir }), schema: sectionSchema }),
  topics: defineCollection({ loader: newsroomLoader('topics', { contentDir }), schema: topicSchema }),
  authors: defineCollection({
    loader: newsroomLoader('authors', { contentDir }),
    // Pictures are held as the facts the reader read from them (schemas/fields.ts), not through
    // Astro's image(): publishing makes their variants itself (lib/publish/picture-files.ts).
    schema: createAuthorSchema(pictureFacts),
  }),
  pages: defineCollection({ loader: newsroomLoader('pages', { contentDir }), schema: pageSchema }),
  articles: defineCollection({
    loader: newsroomLoader('articles', { contentDir }),
    schema: createArticleSchema(pictureFacts),
  }),
};
