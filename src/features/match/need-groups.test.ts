import { describe, expect, it } from 'vitest';
import { NEEDS } from '../../../graph/data/needs';
import { groupNeeds, NEED_GROUPS } from './need-groups';

describe('NEED_GROUPS', () => {
  it('places every catalogue need in exactly one group', () => {
    const placed = Object.values(NEED_GROUPS).flat();
    expect(new Set(placed).size).toBe(placed.length);
    expect([...placed].sort()).toEqual(NEEDS.map((need) => need.slug).sort());
  });
});

describe('groupNeeds', () => {
  it('keeps the given order within a group, the group order overall, and drops empty groups', () => {
    const groups = groupNeeds([{ slug: 'nis2-krav' }, { slug: 'tofaktor-login' }, { slug: 'backup-og-gendannelse' }]);
    expect(groups.map(({ group, needs }) => [group, needs.map((need) => need.slug)])).toEqual([
      ['everyday', ['tofaktor-login', 'backup-og-gendannelse']],
      ['rules', ['nis2-krav']],
    ]);
  });

  it('puts a need nobody has placed yet under "more" rather than leaving it out', () => {
    expect(groupNeeds([{ slug: 'helt-nyt-behov' }])).toEqual([{ group: 'more', needs: [{ slug: 'helt-nyt-behov' }] }]);
  });
});
