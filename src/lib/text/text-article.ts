/** What the plain-text parsers read out of a dump, before it becomes front-matter fields. */

export interface RelatedHeadline {
  kicker?: string | undefined;
  headline: string;
  teaser?: string | undefined;
}

export interface TextNote {
  /** 1-based line in the file. */
  line: number;
  message: string;
  /** For a note about something recognised and taken out (the support appeal): a short label for reports. */
  recognised?: string | undefined;
}

/** How a parser may be told about the kind of text it reads. */
export interface TextParseOptions {
  /**
   * Whether a closing agency signature ("dpa/afp", "(rtr)") becomes the article's credits; on by
   * default. A live ticker, whose entries carry their own credits, turns it off.
   */
  closingCredits?: boolean;
}

export interface TextArticle {
  kicker?: string | undefined;
  headline?: string | undefined;
  teaser?: string | undefined;
  /** Caption (and credit) of a picture the text mentions but does not contain. */
  imageCaption?: string | undefined;
  imageCredit?: string | undefined;
  dateline?: string | undefined;
  credits: string[];
  /** Body paragraphs, as Markdown (links already resolved). */
  paragraphs: string[];
  /** Publication date as `YYYY-MM-DD`, when the text has one. */
  date?: string | undefined;
  /** Author names as printed. */
  authors: string[];
  related: RelatedHeadline[];
  /** Lines of the fields, for messages. */
  lines: Partial<Record<'headline' | 'teaser' | 'date' | 'authors' | 'related' | 'body', number>>;
  /** The source was cut: a title ending in "…", or a dump that stops mid-sentence. */
  truncated: boolean;
  /** Things the reader should know: a cut title, a truncated dump, a guess made. */
  warnings: TextNote[];
}

export function emptyTextArticle(): TextArticle {
  return { credits: [], paragraphs: [], authors: [], related: [], lines: {}, truncated: false, warnings: [] };
}
