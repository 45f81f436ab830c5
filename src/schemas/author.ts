/** An author: `content/authors/<id>.yaml`; the file name is the id used in bylines. */
import { z } from 'astro/zod';
import { type ImageField, type imagePath, line, link } from './fields.ts';

export const createAuthorSchema = <T extends z.ZodType>(image: ImageField<T>) =>
  z.strictObject({
    /** Name as printed in the byline. */
    name: line(),
    /** Role in the newsroom, e.g. "Redakteurin für Wirtschaft". */
    role: line().optional(),
    /** Short biography shown on the author page. */
    bio: line().optional(),
    /** Portrait, relative to the author file. */
    image: image().optional(),
    /** Public contact address. */
    email: z.email({ error: 'expected an e-mail address' }).optional(),
    /** Profiles elsewhere (Mastodon, personal site …). */
    links: z.array(z.strictObject({ label: line(), url: link() })).default([]),
  });

/** An author's fields as validated, with the portrait as the path written in the file. */
export type AuthorData = z.output<ReturnType<typeof createAuthorSchema<ReturnType<typeof imagePath>>>>;
