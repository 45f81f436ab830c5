/**
 * When the next embargoed article becomes public: `npm run watch` publishes by itself at that
 * moment, without waiting for a save. Drafts never become public by time. Pure.
 */
import { parsePublicationTime } from './dates.ts';
import type { NewsroomInput } from './create-newsroom.ts';

export function findNextEmbargo(input: NewsroomInput, now: Date): Date | undefined {
  let next: Date | undefined;
  for (const { data } of input.articles) {
    if (data.draft || typeof data.date !== 'string') continue;
    const at = parsePublicationTime(data.date, input.site.timeZone);
    if (at && at.getTime() > now.getTime() && (!next || at < next)) next = at;
  }
  return next;
}
