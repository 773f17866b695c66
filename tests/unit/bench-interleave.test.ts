import { describe, expect, it } from 'vitest';
import { canonicalJson, interleave, MismatchError } from '../../scripts/bench/interleave';

describe('bench:graphql comparison of GraphQL with its floor', () => {
  it('compares answers by content, whatever the order of their keys, but keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });

  it('counts every request after the warm-up on both sides, from every client', async () => {
    const asked: string[] = [];
    const figures = await interleave(
      {
        name: 'echo',
        floor: 'test',
        args: Array.from({ length: 12 }, (_, i) => i),
        upper: async (i) => {
          asked.push(`upper ${i}`);
          return { value: i, kind: 'x' };
        },
        lower: async (i) => {
          asked.push(`lower ${i}`);
          return { kind: 'x', value: i };
        },
      },
      { warmup: 2, clients: 3 },
    );
    expect(figures.upper.n).toBe(10);
    expect(figures.lower.n).toBe(10);
    expect(asked).toHaveLength(24);
    // Even requests ask GraphQL first, odd ones the floor, so neither always finds the other's warm caches.
    expect(asked.indexOf('upper 0')).toBeLessThan(asked.indexOf('lower 0'));
    expect(asked.indexOf('lower 1')).toBeLessThan(asked.indexOf('upper 1'));
  });

  it('asks the warm-up one request at a time, then from every client at once', async () => {
    let inFlight = 0;
    const seen: number[] = [];
    const side = async (i: number) => {
      inFlight++;
      seen[i] = Math.max(seen[i] ?? 0, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return i;
    };
    await interleave(
      { name: 'steady', floor: 'test', args: Array.from({ length: 11 }, (_, i) => i), upper: side, lower: side },
      { warmup: 3, clients: 4 },
    );
    expect(seen.slice(0, 3)).toEqual([1, 1, 1]);
    expect(Math.max(...seen.slice(3))).toBe(4);
  });

  it('stops with both answers when the sides disagree, warm-up included', async () => {
    const run = interleave(
      {
        name: 'off by one',
        floor: 'test',
        args: [1, 2, 3],
        upper: async (i) => ({ total: i }),
        lower: async (i) => ({ total: i === 1 ? 0 : i }),
      },
      { warmup: 2, clients: 1 },
    );
    await expect(run).rejects.toThrow(MismatchError);
    await expect(run).rejects.toThrow(/off by one.*\[?1\]?[\s\S]*"total":1[\s\S]*"total":0/);
  });

  it('runs the untimed step before every GraphQL request, not before the floor', async () => {
    const steps: string[] = [];
    await interleave(
      {
        name: 'cold',
        floor: 'test',
        args: [1, 2, 3, 4],
        beforeUpper: () => steps.push('forget'),
        upper: async (i) => {
          steps.push(`upper ${i}`);
          return i;
        },
        lower: async (i) => {
          steps.push(`lower ${i}`);
          return i;
        },
      },
      { warmup: 0, clients: 1 },
    );
    expect(steps.filter((step) => step === 'forget')).toHaveLength(4);
    for (const i of [1, 2, 3, 4]) expect(steps[steps.indexOf(`upper ${i}`) - 1]).toBe('forget');
  });
});
