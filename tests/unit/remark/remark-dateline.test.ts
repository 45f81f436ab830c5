/** Fixtures in, HTML out: each folder under fixtures/ holds input.md, options.json and output.html. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderArticleBody } from '../../../src/lib/content/markdown.ts';

const root = new URL('./fixtures/', import.meta.url);

describe('remark-dateline', () => {
  for (const name of readdirSync(root).sort()) {
    it(`renders ${name} as in its output.html`, async () => {
      const input = readFileSync(new URL(`${name}/input.md`, root), 'utf8');
      const options = JSON.parse(readFileSync(new URL(`${name}/options.json`, root), 'utf8')) as {
        dateline?: string;
        credits?: string[];
      };
      const expected = readFileSync(new URL(`${name}/output.html`, root), 'utf8');
      const { html } = await renderArticleBody(input, options);
      expect(`${html}\n`).toBe(expected);
    });
  }

  it('reports a dateline found in the body so the article’s fields can be filled', async () => {
    expect((await renderArticleBody('LONDON/BERLIN dpa/rtr | Text.', {})).dateline).toEqual({
      place: 'LONDON/BERLIN',
      credits: ['dpa', 'rtr'],
    });
    expect((await renderArticleBody('Text.', {})).dateline).toBeUndefined();
  });
});
