/**
 * The shapes of synthetic paper the bench builds (`npm run bench -- --shape plain|rich`): what
 * each generates, how many pictures its articles share, and which article it writes for a given
 * number. `plain` is the bench's paper since its first run (synthetic-paper.ts), so its figures
 * stay comparable with earlier results; `rich` is a newsroom's Markdown (rich-paper.ts).
 */
import { generateRichPaper, RICH_PICTURES, richArticleFile } from './rich-paper.ts';
import { articleFile, generatePaper, SYNTHETIC_PICTURES, type SyntheticFile } from './synthetic-paper.ts';

export const SHAPES = ['plain', 'rich'] as const;
export type ShapeName = (typeof SHAPES)[number];

export interface PaperShape {
  name: ShapeName;
  /** One sentence for the bench's heading and the docs. */
  description: string;
  /** Every file of a paper of `articles` articles, one at a time. */
  generate(articles: number): Generator<SyntheticFile>;
  /** Article `index`, as an article added to the paper later is written. */
  articleFile(index: number, random: () => number): SyntheticFile;
  /** The distinct pictures its articles name, `images/bild-0.jpg` on. */
  pictures: number;
}

const PLAIN: PaperShape = {
  name: 'plain',
  description:
    '8 sections, 300 topics, 60 authors; bodies of plain paragraphs; a picture on every third article, of 60',
  generate: (articles) => generatePaper(articles),
  articleFile: (index, random) => articleFile(index, random),
  pictures: SYNTHETIC_PICTURES,
};

const RICH: PaperShape = {
  name: 'rich',
  description: `8 sections, 1,000 topics, 300 authors; Markdown with links, subheadings, emphasis, lists and quotes; a picture on every article, of ${RICH_PICTURES}`,
  generate: (articles) => generateRichPaper(articles),
  articleFile: (index, random) => richArticleFile(index, random),
  pictures: RICH_PICTURES,
};

/** The shape named, or undefined for a name that is none. */
export function getPaperShape(name: string): PaperShape | undefined {
  return [PLAIN, RICH].find((shape) => shape.name === name);
}
