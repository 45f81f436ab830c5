import { describe, expect, it } from 'vitest';
import {
  articleFile,
  createRandom,
  generatePaper,
  getBuildTimeAfter,
} from '../../../../src/lib/bench/synthetic-paper.ts';

describe('generatePaper', () => {
  it('makes the same paper from the same seed, and another from another', () => {
    expect([...generatePaper(20)]).toEqual([...generatePaper(20)]);
    expect([...generatePaper(20, 1)]).not.toEqual([...generatePaper(20)]);
  });

  it('has settings, 8 sections, 300 topics, 60 authors and the articles asked for', () => {
    const files = [...generatePaper(25)];
    expect(files.filter((file) => file.path.startsWith('articles/'))).toHaveLength(25);
    expect(files.filter((file) => file.path.startsWith('authors/'))).toHaveLength(60);
    expect(files.find((file) => file.path === 'topics.yaml')?.text.match(/^- id: /gm)).toHaveLength(300);
    expect(files.find((file) => file.path === 'sections.yaml')?.text.match(/^- id: /gm)).toHaveLength(8);
  });

  it('writes articles of 500 to 900 words with unique ids', () => {
    const articles = [...generatePaper(40)].filter((file) => file.path.startsWith('articles/'));
    const ids = articles.map((file) => /^id: (\d+)$/m.exec(file.text)?.[1]);
    expect(new Set(ids).size).toBe(40);
    for (const file of articles) {
      const words = file.text.split('---\n')[2]!.split(/\s+/).filter(Boolean).length;
      expect(words, file.path).toBeGreaterThanOrEqual(500);
      expect(words, file.path).toBeLessThanOrEqual(900);
    }
  });
});

describe('getBuildTimeAfter', () => {
  it('lies after the last article of the paper and after one added to it', () => {
    const articles = 100_000;
    const last = articleFile(articles, createRandom(1)).text.match(/^date: (.*)$/m)?.[1];
    expect(last).toBeDefined();
    expect(getBuildTimeAfter(articles).getTime()).toBeGreaterThan(new Date(`${last!.replace(' ', 'T')}:00Z`).getTime());
  });
});
