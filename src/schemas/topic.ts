/** A topic (Thema): one entry of the list in `content/topics.yaml`. */
import { z } from 'astro/zod';
import { line, slug } from './fields.ts';

export const topicSchema = z.strictObject({
  /** URL name of the topic, e.g. "klimakrise". */
  id: slug(),
  /** Name shown on topic pages and article tags. */
  name: line(),
  /** One sentence shown on the topic page. */
  description: line().optional(),
});

export type TopicData = z.output<typeof topicSchema>;
