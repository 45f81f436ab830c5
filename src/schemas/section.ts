/** A section (Ressort): one entry of the list in `content/sections.yaml`; list order is page order. */
import { z } from 'astro/zod';
import { line, slug } from './fields.ts';

export const sectionSchema = z.strictObject({
  /** URL name of the section, e.g. "wirtschaft"; its page lives at `/wirtschaft/`. */
  id: slug(),
  /** Name shown in navigation and on the section page. */
  name: line(),
  /** One sentence under the section name. */
  description: line().optional(),
});

export type SectionData = z.output<typeof sectionSchema>;
