import { describe, expect, it } from 'vitest';
import {
  generateRichPaper,
  RICH_AUTHORS,
  RICH_PICTURES,
  RICH_TOPICS,
  richArticleFile,
} from '../../../../src/lib/bench/rich-paper.ts';
import { readFrontMatter } from '../../../../src/lib/content/front-matter.ts';
import {
  BENCH_DELETED_ARTICLE,
  createRandom,
  getArticlePath,
  getArticleUrl,
} from '../../../../src/lib/bench/synthetic-paper.ts';

const ARTICLES = 200;
const files = [...generateRichPaper(ARTICLES)];
const articles = files.filter((file) => file.path.startsWith('articles/'));
const bodyOf = (text: string): string => text.split('\n---\n')[1]!;
const listOf = (text: string, field: string): string[] =>
  (new RegExp(`^${field}: \\[(.*)\\]$`, 'm').exec(text)?.[1] ?? '').split(', ').filter(Boolean);

describe('generateRichPaper', () => {
  it('makes the same paper from the same seed, and another from another', () => {
    expect([...generateRichPaper(30)]).toEqual([...generateRichPaper(30)]);
    expect([...generateRichPaper(30, 1)]).not.toEqual([...generateRichPaper(30)]);
  });

  it('has settings, 8 sections, 1,000 topics, 300 authors and the articles asked for', () => {
    expect(articles).toHaveLength(ARTICLES);
    expect(files.filter((file) => file.path.startsWith('authors/'))).toHaveLength(RICH_AUTHORS);
    expect(files.find((file) => file.path === 'topics.yaml')?.text.match(/^- id: /gm)).toHaveLength(RICH_TOPICS);
    expect(files.find((file) => file.path === 'sections.yaml')?.text.match(/^- id: /gm)).toHaveLength(8);
  });

  it('writes its articles where the plain paper does, so the bench edits the same files', () => {
    expect(articles.map((file) => file.path)).toEqual(
      Array.from({ length: ARTICLES }, (_, index) => getArticlePath(index)),
    );
  });

  it('links only to articles of the paper published before, and never to the one the bench deletes', () => {
    const urls = new Set(Array.from({ length: ARTICLES }, (_, index) => getArticleUrl(index)));
    let internal = 0;
    let external = 0;
    articles.forEach((file, index) => {
      for (const [, url] of bodyOf(file.text).matchAll(/\]\(([^)]+)\)/g)) {
        if (url!.startsWith('https://')) {
          external++;
          continue;
        }
        internal++;
        expect(urls.has(url!), `${file.path} links to ${url}`).toBe(true);
        const target = Number(/\/a(\d+)\/$/.exec(url!)?.[1]);
        expect(target, `${file.path} links to ${url}`).toBeLessThan(index);
        expect(target).not.toBe(BENCH_DELETED_ARTICLE);
      }
      for (const id of listOf(file.text, 'related')) {
        expect(Number(id) - 6_000_000).toBeLessThan(index);
        expect(Number(id) - 6_000_000).not.toBe(BENCH_DELETED_ARTICLE);
      }
    });
    expect(internal).toBeGreaterThan(ARTICLES);
    expect(external).toBeGreaterThan(ARTICLES / 2);
  });

  it('gives every article a picture from the pool, with alt text, caption and credit', () => {
    const pictures = new Set<string>();
    for (const file of articles) {
      const src = /^ {2}src: \.\.\/\.\.\/(images\/bild-(\d+)\.jpg)$/m.exec(file.text);
      expect(src, file.path).not.toBeNull();
      expect(Number(src![2])).toBeLessThan(RICH_PICTURES);
      pictures.add(src![1]!);
      for (const field of ['alt', 'caption', 'credit'])
        expect(file.text, file.path).toMatch(new RegExp(`^  ${field}: "`, 'm'));
    }
    expect(pictures.size).toBe(Math.min(ARTICLES, RICH_PICTURES));
  });

  it('names 1 to 3 authors and 2 to 5 topics, each once and each one the paper has', () => {
    for (const file of articles) {
      const authors = listOf(file.text, 'authors');
      const topics = listOf(file.text, 'topics');
      expect(authors.length, file.path).toBeGreaterThanOrEqual(1);
      expect(authors.length, file.path).toBeLessThanOrEqual(3);
      expect(topics.length, file.path).toBeGreaterThanOrEqual(2);
      expect(topics.length, file.path).toBeLessThanOrEqual(5);
      expect(new Set(authors).size).toBe(authors.length);
      expect(new Set(topics).size).toBe(topics.length);
      for (const author of authors) expect(Number(author.replace('autor-', ''))).toBeLessThan(RICH_AUTHORS);
      for (const topic of topics) expect(Number(topic.replace('thema-', ''))).toBeLessThan(RICH_TOPICS);
    }
  });

  it('writes bodies of subheadings, emphasis, strong, both kinds of list and now and then a quote', () => {
    const count = (pattern: RegExp): number => articles.filter((file) => pattern.test(bodyOf(file.text))).length;
    expect(count(/^## \S/m)).toBe(ARTICLES);
    expect(count(/(^|\s)\*[^*\s][^*]*\*(\s|\.|$)/m)).toBeGreaterThan(ARTICLES * 0.9);
    expect(count(/\*\*[^*]+\*\*/)).toBeGreaterThan(ARTICLES * 0.5);
    expect(count(/^- \S/m)).toBeGreaterThan(ARTICLES * 0.3);
    expect(count(/^1\. \S/m)).toBeGreaterThan(ARTICLES * 0.2);
    expect(count(/^> „/m)).toBeGreaterThan(ARTICLES * 0.1);
    expect(count(/^> „/m)).toBeLessThan(ARTICLES * 0.9);
  });

  it('keeps its bodies at 500 to 900 words of text, besides the Markdown marks', () => {
    for (const file of articles) {
      const text = bodyOf(file.text)
        .replace(/\]\([^)]+\)/g, ']')
        .replace(/^(#+|-|\d+\.|>)\s/gm, '');
      const words = text.split(/\s+/).filter(Boolean).length;
      expect(words, file.path).toBeGreaterThanOrEqual(500);
      expect(words, file.path).toBeLessThanOrEqual(900);
    }
  });

  it('writes front matter the content reader takes, with no problem in any article', () => {
    for (const file of [...articles, richArticleFile(ARTICLES, createRandom(7))]) {
      const { data, problems } = readFrontMatter(file.text, file.path);
      expect(problems, file.path).toEqual([]);
      expect(typeof data['headline'], file.path).toBe('string');
      expect(data['image'], file.path).toMatchObject({ src: expect.stringMatching(/^\.\.\/\.\.\/images\//) });
    }
  });
});
