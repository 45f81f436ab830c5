import { describe, expect, it } from 'vitest';
import { renderArticleBody, renderPageBody } from '../../../../src/lib/content/markdown.ts';

describe('Markdown bodies', () => {
  it('renders GitHub-flavoured Markdown: tables, strikethrough, autolinks', async () => {
    const html = await renderPageBody('| a | b |\n|---|---|\n| 1 | 2 |\n\n~~alt~~ https://example.org');
    expect(html).toContain('<table>');
    expect(html).toContain('<del>alt</del>');
    expect(html).toContain('<a href="https://example.org">https://example.org</a>');
  });

  it('keeps harmless inline HTML from the allow-list', async () => {
    expect(await renderPageBody('Ein <abbr title="Deutsche Presse-Agentur">dpa</abbr>-Bericht, H<sub>2</sub>O.')).toBe(
      '<p>Ein <abbr title="Deutsche Presse-Agentur">dpa</abbr>-Bericht, H<sub>2</sub>O.</p>',
    );
  });

  it('removes scripts, event handlers, javascript: links, iframes and styles', async () => {
    const html = await renderPageBody(
      [
        '<script>alert(1)</script>',
        '<img src="x.png" onerror="alert(2)">',
        '[klick](javascript:alert(3))',
        '<a href="javascript:alert(4)">a</a>',
        '<iframe src="https://evil.example"></iframe>',
        '<p style="position:fixed">s</p>',
        '<svg><script>alert(5)</script></svg>',
      ].join('\n\n'),
    );
    expect(html).not.toMatch(/<script|onerror|javascript:|<iframe|style=|<svg/i);
    expect(await renderPageBody('<input autofocus onfocus=alert(1)>')).toBe('');
    expect(html).toContain('<img src="x.png">');
  });

  it('keeps a dateline that front matter tries to use for markup as text', async () => {
    const { html } = await renderArticleBody('Text.', { dateline: '<img src=x onerror=alert(1)>', credits: [] });
    expect(html).not.toContain('<img');
    expect(html).toContain('&#x3C;img');
  });
});
