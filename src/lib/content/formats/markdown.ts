/** Markdown with YAML front matter: the native article format. */
import { readFrontMatter } from '../front-matter.ts';
import type { ArticleFormat } from './index.ts';

export const markdownFormat: ArticleFormat = {
  name: 'Markdown',
  extensions: ['.md'],
  read(text, file) {
    const parsed = readFrontMatter(text, file);
    const problems = [...parsed.problems];
    if (!parsed.hasFrontMatter) {
      problems.push({
        severity: 'error',
        file,
        line: 1,
        message:
          'expected front matter between two "---" lines at the top of the file (id, headline, teaser, date, section …), found none',
      });
    }
    return { data: parsed.data, body: parsed.body, bodyLine: parsed.bodyLine, locate: parsed.locate, problems };
  },
};
