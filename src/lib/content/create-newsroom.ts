/**
 * Builds the `Newsroom` from validated collection data: resolves references, applies the paper's
 * time zone, and decides what is visible. Drafts and embargoed articles exist only in preview.
 */
import type { ArticleData } from '../../schemas/article.ts';
import type { AuthorData } from '../../schemas/author.ts';
import type { PageData } from '../../schemas/page.ts';
import type { SectionData } from '../../schemas/section.ts';
import type { SiteData } from '../../schemas/site.ts';
import type { TopicData } from '../../schemas/topic.ts';
import { getCalendarDay, parsePublicationTime } from './dates.ts';
import { getDictionary, getLanguage, getRouteWords } from '../site/i18n.ts';
import {
  getSortTime,
  type Article,
  type Author,
  type NavigationItem,
  type Newsroom,
  type Page,
  type PictureFacts,
  type Section,
  type Topic,
} from './model.ts';
import { createUrls } from '../site/urls.ts';
import { takeOverEqual } from './take-over-equal.ts';

/** An article's picture fields with the picture's facts in place of the path written in the file. */
type ArticleImageInput = Omit<NonNullable<ArticleData['image']>, 'src'> & { src?: PictureFacts | undefined };

/**
 * The validated content, with every picture as its facts (read-pictures.ts): the reader's records
 * name pictures by path, the content store and `loadContent` hand over what was read from them.
 */
export interface NewsroomInput {
  site: SiteData;
  sections: Array<SectionData & { order?: number | undefined }>;
  topics: TopicData[];
  authors: Array<{ id: string; data: Omit<AuthorData, 'image'> & { image?: PictureFacts | undefined } }>;
  /** `digest`: the content store's digest of the entry (cache keys use it); '' when unknown. */
  pages: Array<{ id: string; data: PageData; digest?: string | undefined }>;
  articles: Array<{
    slug: string;
    digest?: string | undefined;
    data: Omit<ArticleData, 'image' | 'slug'> & { image?: ArticleImageInput | undefined };
  }>;
}

export interface VisibilityOptions {
  /** The build time: articles dated later are under embargo. */
  now: Date;
  /** Preview (the dev server) shows drafts and embargoed articles, marked as such. */
  preview: boolean;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * With `previous` (the newsroom of the last publish in `npm run watch`), every object and list
 * equal to one of `previous` is that very object (take-over-equal.ts): what is memoised by object
 * stays known, and a page key is computed anew only for what the change touched.
 */
export function createNewsroom(input: NewsroomInput, visibility: VisibilityOptions, previous?: Newsroom): Newsroom {
  const byId = <T extends { id: string | number }>(list: readonly T[] | undefined): Map<T['id'], T> =>
    new Map((list ?? []).map((item) => [item.id, item]));
  const previousSections = byId(previous?.sections);
  const previousTopics = byId(previous?.topics);
  const previousAuthors = byId(previous?.authors);
  const previousPages = byId(previous?.pages);
  const site = takeOverEqual(previous?.site, input.site);
  const words = getRouteWords(site.locale);
  const urls = createUrls(words);
  const t = getDictionary(site.locale);

  const sections: Section[] = input.sections
    .map((section, index) => ({ section, order: section.order ?? index }))
    .sort((a, b) => a.order - b.order)
    .map(({ section }) =>
      takeOverEqual(previousSections.get(section.id), {
        id: section.id,
        name: section.name,
        description: section.description,
        url: urls.section(section.id),
      }),
    );
  const topics: Topic[] = input.topics.map((topic) =>
    takeOverEqual(previousTopics.get(topic.id), { ...topic, url: urls.topic(topic.id) }),
  );
  const authors: Author[] = input.authors.map(({ id, data }) =>
    takeOverEqual(previousAuthors.get(id), {
      id,
      name: data.name,
      role: data.role,
      bio: data.bio,
      image: data.image,
      email: data.email,
      links: data.links,
      url: urls.author(id),
    }),
  );
  const pages: Page[] = input.pages.map(({ id, data, digest = '' }) =>
    takeOverEqual(previousPages.get(id), { id, digest, ...data, url: urls.page(id) }),
  );

  const sectionById = new Map(sections.map((section) => [section.id, section]));
  const topicById = new Map(topics.map((topic) => [topic.id, topic]));
  const authorById = new Map(authors.map((author) => [author.id, author]));
  const sameSections = takeOverEqual(previous?.sections, sections);
  const sameTopics = takeOverEqual(previous?.topics, topics);
  const sameAuthors = takeOverEqual(previous?.authors, authors);
  // What an article is made of besides its entry is what the last newsroom had: an entry that
  // made an article for it makes the same article (but for its embargo, which moves with `now`).
  const sameFrame =
    previous !== undefined &&
    site === previous.site &&
    sameSections === previous.sections &&
    sameTopics === previous.topics &&
    sameAuthors === previous.authors &&
    madeWith.get(previous) === visibility.preview;

  const articles: Article[] = [];
  for (const entry of input.articles) {
    const { slug, data, digest = '' } = entry;
    const known = sameFrame ? articleOf.get(entry) : undefined;
    if (known && previous?.articleById.get(known.id) === known) {
      const embargoed = known.publishedAt !== undefined && known.publishedAt.getTime() > visibility.now.getTime();
      if (embargoed === known.embargoed) {
        if (visibility.preview || !(known.draft || known.embargoed)) articles.push(known);
        continue;
      }
    }
    const publishedAt = data.date === undefined ? undefined : parsePublicationTime(data.date, site.timeZone);
    const section = sectionById.get(data.section);
    // The reader has already refused unresolvable dates and references; skipping here only
    // guards against a store written by an older build.
    if (publishedAt === null || !section) continue;
    const embargoed = publishedAt !== undefined && publishedAt.getTime() > visibility.now.getTime();
    if (!visibility.preview && (data.draft || embargoed)) continue;
    const day = publishedAt && getCalendarDay(publishedAt, site.timeZone);
    const made: Article = {
      id: data.id,
      digest,
      slug,
      url: day ? urls.article(day, slug) : urls.undatedArticle(slug),
      kicker: data.kicker,
      headline: data.headline,
      teaser: data.teaser,
      publishedAt,
      day,
      updatedAt: data.updated ? (parsePublicationTime(data.updated, site.timeZone) ?? undefined) : undefined,
      correction: data.correction,
      section,
      topics: data.topics.flatMap((id) => topicById.get(id) ?? []),
      authors: data.authors.flatMap((entry) =>
        typeof entry === 'string' ? (authorById.get(entry) ?? []) : [{ name: entry.name }],
      ),
      credits: data.credits,
      dateline: data.dateline,
      // A picture known only by its caption (from a text dump) is kept in the data, not shown.
      image:
        data.image?.src !== undefined && data.image.alt !== undefined
          ? {
              src: data.image.src,
              alt: data.image.alt,
              caption: data.image.caption,
              credit: data.image.credit,
            }
          : undefined,
      relatedIds: data.related.filter((item): item is number => typeof item === 'number'),
      aliases: data.aliases,
      relatedHeadlines: data.related.filter((item) => typeof item !== 'number'),
      comments: data.comments,
      draft: data.draft,
      embargoed,
      lang: data.lang ?? site.locale,
    };
    const article = takeOverEqual(previous?.articleById.get(made.id), made);
    articleOf.set(entry, article);
    articles.push(article);
  }
  articles.sort((a, b) => getSortTime(b) - getSortTime(a) || b.id - a.id);

  const articleById = new Map<number, Article>();
  const articlesBySection = new Map<string, Article[]>();
  const articlesByTopic = new Map<string, Article[]>();
  const articlesByAuthor = new Map<string, Article[]>();
  for (const article of articles) {
    articleById.set(article.id, article);
    pushTo(articlesBySection, article.section.id, article);
    for (const topic of article.topics) pushTo(articlesByTopic, topic.id, article);
    for (const author of article.authors) if ('id' in author) pushTo(articlesByAuthor, author.id, article);
  }
  for (const [lists, previousLists] of [
    [articlesBySection, previous?.articlesBySection],
    [articlesByTopic, previous?.articlesByTopic],
    [articlesByAuthor, previous?.articlesByAuthor],
  ] as const)
    for (const [id, list] of lists) lists.set(id, takeOverEqual(previousLists?.get(id), list));

  const pageById = new Map(pages.map((page) => [page.id, page]));
  const navigation: NavigationItem[] = site.navigation
    ? site.navigation.flatMap((item): NavigationItem[] => {
        if ('section' in item) {
          const s = sectionById.get(item.section);
          return s ? [{ label: s.name, url: s.url }] : [];
        }
        if ('topic' in item) {
          const tp = topicById.get(item.topic);
          return tp ? [{ label: tp.name, url: tp.url }] : [];
        }
        if ('page' in item) {
          const p = pageById.get(item.page);
          return p ? [{ label: p.title, url: p.url }] : [];
        }
        return [{ label: item.label, url: item.url }];
      })
    : sections.map((section) => ({ label: section.name, url: section.url }));
  const footer = pages
    .filter((page) => page.footer !== undefined)
    .sort((a, b) => (a.footer ?? 0) - (b.footer ?? 0))
    .map((page) => ({ label: page.title, url: page.url }));

  const newsroom: Newsroom = {
    site,
    language: getLanguage(site.locale),
    t,
    words,
    urls,
    sections: sameSections,
    topics: sameTopics,
    authors: sameAuthors,
    pages: takeOverEqual(previous?.pages, pages),
    articles: takeOverEqual(previous?.articles, articles),
    articleById,
    articlesBySection,
    articlesByTopic,
    articlesByAuthor,
    navigation: takeOverEqual(previous?.navigation, navigation),
    footer: takeOverEqual(previous?.footer, footer),
  };
  madeWith.set(newsroom, visibility.preview);
  return newsroom;
}

/**
 * The article each input entry made last. An entry is never changed once made (loadContent hands
 * the same entry back only for a file unchanged since), so with the same frame — site, sections,
 * topics, authors, all the last newsroom's very objects — it makes the same article again.
 */
const articleOf = new WeakMap<NewsroomInput['articles'][number], Article>();

/** Whether a newsroom was made for preview (drafts and embargoed articles shown). */
const madeWith = new WeakMap<Newsroom, boolean>();
