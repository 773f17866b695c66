/**
 * CVR numbers (the Danish company register): 8 digits, no leading 0, and a modulus-11 check —
 * the digits times the weights 2,7,6,5,4,3,2,1 must sum to a multiple of 11.
 */

const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

export function isValidCvr(cvr: string): boolean {
  if (!/^[1-9]\d{7}$/.test(cvr)) return false;
  return weightedSum(cvr) % 11 === 0;
}

/** The digits times their weights, for as many digits as the string has (up to 8). */
function weightedSum(digits: string): number {
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    if (i < digits.length) sum += Number(digits[i]) * weight;
  });
  return sum;
}

/** Number of distinct CVR numbers cvrFromSeed yields before it repeats. */
export const CVR_SEED_SPACE = 900_000 * 9;

// 900,000 six-digit prefixes, scrambled by an affine bijection so consecutive seeds look unrelated.
const PREFIXES = 900_000;
const STRIDE = 7_919; // prime, coprime with 900,000 = 2^5 * 3^2 * 5^5
const OFFSET = 123_457;

/**
 * A valid CVR number for every non-negative integer seed, distinct for distinct seeds below
 * CVR_SEED_SPACE. The first six digits come from the seed; the seventh is the seed's choice
 * among the digits that allow a check digit (the check digit can be 10, which no digit
 * represents — at most one of the ten choices of the seventh digit hits that, so at least nine
 * always work); the eighth is the check digit.
 */
export function cvrFromSeed(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`CVR seed must be a non-negative integer, got ${n}`);
  const seed = n % CVR_SEED_SPACE;
  const prefixIndex = Math.floor(seed / 9);
  const choice = seed % 9;
  const prefix = String(100_000 + ((prefixIndex * STRIDE + OFFSET) % PREFIXES));
  const partial = weightedSum(prefix);
  let seen = 0;
  for (let seventh = 0; seventh <= 9; seventh += 1) {
    const check = (11 - ((partial + seventh * WEIGHTS[6]) % 11)) % 11;
    if (check === 10) continue;
    if (seen === choice) return `${prefix}${seventh}${check}`;
    seen += 1;
  }
  throw new Error('unreachable: at least nine seventh digits admit a check digit');
}
