import { describe, expect, it } from 'vitest';
import { parseYaml, readFrontMatter } from '../../../../src/lib/content/front-matter.ts';

describe('readFrontMatter', () => {
  const source = ['---', 'id: 5130574', 'headline: Amazon hackt sich selbst', 'authors:', '  - tkleinz', '  - jbeispiel', 'image:', '  src: ./bild.jpg', '---', 'Erster Absatz.', ''].join('\n');

  it('splits fields from the body and knows where the body starts', () => {
    const file = readFrontMatter(source, 'a.md');
    expect(file.data).toEqual({ id: 5130574, headline: 'Amazon hackt sich selbst', authors: ['tkleinz', 'jbeispiel'], image: { src: './bild.jpg' } });
    expect(file.body).toBe('Erster Absatz.\n');
    expect(file.bodyLine).toBe(10);
    expect(file.hasFrontMatter).toBe(true);
  });

  it('locates fields, list items and nested fields on their file lines', () => {
    const file = readFrontMatter(source, 'a.md');
    expect(file.locate(['id'])).toBe(2);
    expect(file.locate(['authors', 1])).toBe(6);
    expect(file.locate(['image', 'src'])).toBe(8);
  });

  it('locates a missing field at the nearest parent that exists', () => {
    const file = readFrontMatter(source, 'a.md');
    expect(file.locate(['image', 'alt'])).toBe(7);
    expect(file.locate(['teaser'])).toBe(2);
  });

  it('keeps dates as the text that was written', () => {
    expect(readFrontMatter('---\ndate: 2010-12-13\n---\n', 'a.md').data['date']).toBe('2010-12-13');
  });

  it('says when a file has no front matter', () => {
    expect(readFrontMatter('Nur Text.\n', 'a.md').hasFrontMatter).toBe(false);
  });

  it('refuses front matter that is a single value', () => {
    expect(readFrontMatter('---\nnur ein Wert\n---\n', 'a.md').problems[0]?.message).toMatch(/^expected front matter made of "field: value" lines/);
  });
});

describe('parseYaml', () => {
  it('refuses a repeated field on the line of the repetition', () => {
    const { problems } = parseYaml('id: 1\nheadline: a\nheadline: b\n', 'x.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3, message: 'expected valid YAML, found an error: Map keys must be unique (each field may appear once)' });
  });

  it('stops an alias bomb instead of expanding it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const { problems, value } = parseYaml(levels.join('\n'), 'bomb.yaml');
    expect(value).toBeUndefined();
    expect(problems[0]?.message).toMatch(/^expected valid YAML, found an error: .*alias/i);
  });
});

describe('parseYaml on absurd nesting', () => {
  it('reports values nested a hundred thousand levels deep instead of running out of stack', () => {
    const { problems } = parseYaml(`headline: ${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'tief.md');
    expect(problems.map((problem) => problem.message)).toContain(
      'expected valid YAML, found an error: values nested too deeply to read (lists or groups inside each other thousands of levels down)',
    );
  });
});
