import { describe, expect, it } from 'vitest';
import { slugify } from '../../../../src/lib/content/slugs.ts';

describe('slugify', () => {
  it('spells out German umlauts and ß', () => {
    expect(slugify('Über Straßen und Flüsse')).toBe('ueber-strassen-und-fluesse');
  });

  it('spells out umlauts written decomposed, as macOS stores file names', () => {
    expect(slugify('über'.normalize('NFD'))).toBe('ueber');
  });

  it('drops other accents and punctuation, and joins words with single hyphens', () => {
    expect(slugify('  Café – déjà vu!! 2024 ')).toBe('cafe-deja-vu-2024');
  });

  it('returns an empty string when nothing usable is left', () => {
    expect(slugify('„…“')).toBe('');
  });
});
