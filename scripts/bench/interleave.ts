import { isDeepStrictEqual } from 'node:util';
import { percentiles } from './graph';

/**
 * Two ways of answering the same question, timed request by request against each other: the
 * product's way (GraphQL over HTTP) and the floor under it (the one query or call it cannot do
 * without). Both sides get the same arguments in the same order, and every answer pair must be
 * equal once shaped alike, so a fast floor that answers something else cannot pass as a floor.
 */
export interface Comparison<A> {
  name: string;
  /** What the floor is, printed with the figures (hand-written Cypher, the engine call, …). */
  floor: string;
  /** One argument set per request, warm-up first; drawn from a seeded PRNG so every run asks the same. */
  args: A[];
  /** The GraphQL side: its answer shaped as `lower` shapes the floor's. */
  upper: (args: A) => Promise<unknown>;
  lower: (args: A) => Promise<unknown>;
  /** Runs before each timed request of the GraphQL side, untimed (e.g. forgetting kept answers). */
  beforeUpper?: () => void;
}

export interface SideFigures {
  p50: number;
  p95: number;
  n: number;
}

export interface ComparisonFigures {
  upper: SideFigures;
  lower: SideFigures;
}

/** Thrown when the two sides answer differently: the benchmark's figures would mean nothing. */
export class MismatchError extends Error {}

/**
 * JSON with object keys sorted, so two answers compare by content whatever order their fields were
 * built in. Array order is kept: where order is part of the answer (a page) it must agree.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : item,
  );
}

function assertSame(name: string, args: unknown, upper: unknown, lower: unknown): void {
  const [a, b] = [JSON.parse(canonicalJson(upper)) as unknown, JSON.parse(canonicalJson(lower)) as unknown];
  if (isDeepStrictEqual(a, b)) return;
  const clip = (text: string) => (text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text);
  throw new MismatchError(
    `${name}: GraphQL and its floor answered differently for ${JSON.stringify(args)}\n` +
      `  GraphQL: ${clip(canonicalJson(upper))}\n  floor:   ${clip(canonicalJson(lower))}`,
  );
}

/**
 * Runs `comparison.args` through both sides from `clients` concurrent loops, each loop taking the
 * next argument set and asking both sides one after the other, GraphQL first on even requests and
 * the floor first on odd ones, so neither side always finds the caches the other just warmed. The
 * first `warmup` requests are checked but not counted, and asked one at a time: a cold start under
 * many clients at once (query plans, kept answers) measures the start, not the steady state.
 */
export async function interleave<A>(
  comparison: Comparison<A>,
  options: { warmup: number; clients: number },
): Promise<ComparisonFigures> {
  const upper: number[] = [];
  const lower: number[] = [];
  let next = 0;
  const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const answer = await run();
    return [answer, performance.now() - started];
  };
  const loop = async (end: number) => {
    for (let index = next++; index < end; index = next++) {
      const args = comparison.args[index] as A;
      const askUpper = () => {
        comparison.beforeUpper?.();
        return timed(() => comparison.upper(args));
      };
      const askLower = () => timed(() => comparison.lower(args));
      let up: [unknown, number];
      let low: [unknown, number];
      if (index % 2 === 0) {
        up = await askUpper();
        low = await askLower();
      } else {
        low = await askLower();
        up = await askUpper();
      }
      assertSame(comparison.name, args, up[0], low[0]);
      if (index >= options.warmup) {
        upper.push(up[1]);
        lower.push(low[1]);
      }
    }
  };
  await loop(Math.min(options.warmup, comparison.args.length));
  next = Math.min(options.warmup, comparison.args.length);
  await Promise.all(Array.from({ length: options.clients }, () => loop(comparison.args.length)));
  const figures = (samples: number[]): SideFigures => {
    const { p50, p95, n } = percentiles(samples);
    return { p50, p95, n };
  };
  return { upper: figures(upper), lower: figures(lower) };
}
