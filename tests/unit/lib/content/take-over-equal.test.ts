import { describe, expect, it } from 'vitest';
import { isSameData, takeOverEqual } from '../../../../src/lib/content/take-over-equal.ts';

describe('isSameData', () => {
  it('finds plain data equal field by field, dates by their instant', () => {
    const make = () => ({ headline: 'Streik', at: new Date('2026-11-20T10:00:00Z'), topics: [{ id: 'a' }], kicker: undefined });
    expect(isSameData(make(), make())).toBe(true);
  });

  it('tells apart a changed field, a field more or less, another instant and another list', () => {
    const base = { headline: 'Streik', at: new Date('2026-11-20T10:00:00Z'), topics: ['a'] };
    expect(isSameData(base, { ...base, headline: 'Wahl' })).toBe(false);
    expect(isSameData(base, { ...base, kicker: 'Neu' })).toBe(false);
    expect(isSameData({ ...base, kicker: undefined }, base)).toBe(false);
    expect(isSameData(base, { ...base, at: new Date('2026-11-20T10:00:01Z') })).toBe(false);
    expect(isSameData(base, { ...base, topics: ['a', 'b'] })).toBe(false);
    expect(isSameData(base, { ...base, topics: { 0: 'a' } })).toBe(false);
  });

  it('finds a Map or a class instance the same only when it is the same object', () => {
    expect(isSameData(new Map([[1, 2]]), new Map([[1, 2]]))).toBe(false);
    const map = new Map();
    expect(isSameData({ map }, { map })).toBe(true);
  });
});

describe('takeOverEqual', () => {
  it('answers the previous value when it holds the same data, and the new one otherwise', () => {
    const previous = { id: 1, names: ['a'] };
    expect(takeOverEqual(previous, { id: 1, names: ['a'] })).toBe(previous);
    const changed = { id: 1, names: ['b'] };
    expect(takeOverEqual(previous, changed)).toBe(changed);
    expect(takeOverEqual(undefined, changed)).toBe(changed);
  });
});
