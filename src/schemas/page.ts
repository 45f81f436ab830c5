/** A static page: `content/pages/<slug>.md` (Impressum, Über uns …); the file name is its URL. */
import { z } from 'astro/zod';
import { line } from './fields.ts';

export const pageSchema = z.strictObject({
  /** Page title. */
  title: line(),
  /** One sentence for search engines and link previews. */
  description: line().optional(),
  /** Position in the footer; pages without it are left out of the footer. */
  footer: z.number().int().optional(),
});

export type PageData = z.output<typeof pageSchema>;
