import { describe, expect, it } from 'vitest';
import { plainTextFormat } from '../../../../src/lib/content/formats/plain-text.ts';
import { parseYaml, readFrontMatter } from '../../../../src/lib/content/front-matter.ts';
import { locateFromLines, recordLines } from '../../../../src/lib/content/line-map.ts';

/** Every path into `value`, and a few that lead nowhere. */
function pathsOf(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const children = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : value && typeof value === 'object' ? Object.entries(value) : [];
  return [at, [...at, 'fehlt'], [...at, 7], ...children.flatMap(([key, child]) => pathsOf(child, [...at, key]))];
}

function expectSameLines(raw: unknown, locate: (path: ReadonlyArray<PropertyKey>) => number): void {
  const recorded = locateFromLines(JSON.parse(JSON.stringify(recordLines(raw, locate))));
  for (const path of pathsOf(raw)) expect([path, recorded(path)]).toEqual([path, locate(path)]);
}

describe('line maps', () => {
  it('answer every path of YAML front matter as the YAML does: nested groups, block and flow lists, missing fields', () => {
    const text = [
      '---',
      'id: 5',
      'headline: Kopf',
      'topics: [a, b]',
      'authors:',
      '  - jb',
      '  - name: Jana',
      'image:',
      '  src: bild.jpg',
      '',
      '  alt: >-',
      '    Ein Bild',
      'related:',
      '  - { headline: Alt, kicker: K }',
      '---',
      'Text.',
    ].join('\n');
    const parsed = readFrontMatter(text, 'a.md');
    expectSameLines(parsed.data, parsed.locate);
  });

  it('answer the items of a list file under their own item', () => {
    const yaml = parseYaml('- id: a\n  name: A\n\n- id: b\n  description: >\n    lang\n  name: B\n', 'sections.yaml');
    (yaml.value as unknown[]).forEach((item, index) => expectSameLines(item, (path) => yaml.locate([index, ...path])));
  });

  it('answer a plain-text article as the plain-text reader does, front matter and parsed fields alike', () => {
    const text = '---\nsection: politik\ntopics: [a]\n---\nDie Dachzeile: Die Schlagzeile\n\nEin Vorspann, der lang genug ist.\n\nBERLIN taz | Der erste Absatz.\n\nJana Beispiel\n';
    const read = plainTextFormat.read(text, 'articles/5130600.txt');
    expectSameLines(read.data, read.locate);
  });

  it('keep only the lines that differ from their parent', () => {
    const parsed = readFrontMatter('---\nid: 5\ntopics: [a, b, c]\n---\n', 'a.md');
    expect(recordLines(parsed.data, parsed.locate)).toEqual([2, 'topics', 3]);
  });
});
