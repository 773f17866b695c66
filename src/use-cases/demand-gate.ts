import { createHmac, randomBytes } from 'node:crypto';
import type { DemandSignal } from '../../graph/demand';
import { copenhagenDay } from '../../graph/match/candidates';
import type { Viewer } from '../auth/viewer';

/** Who asked, as far as demand counting needs to know; nothing of it is stored. */
export interface Visitor {
  /** The client's address as the HTTP server saw it (behind trusted proxies, the forwarded one). */
  address: string | undefined;
  userAgent: string | undefined;
  /** Pages (`site`) or the GraphQL API (`api`). */
  channel: 'site' | 'api';
  /**
   * Who the request is from (src/auth/viewer.ts): only anonymous visitors count as demand, not
   * logged-in vendors or NCC staff, nor analysts' API tokens. Absent: nobody is logged in.
   */
  viewer?: Viewer['kind'];
}

// Crawlers and tools announce themselves; a visit without a user agent is not a browser either.
const AUTOMATED =
  /bot\b|bot\/|crawl|spider|slurp|scrap|headless|phantom|lighthouse|curl\/|wget|httpie|python-requests|python-urllib|aiohttp|go-http-client|okhttp|java\/|libwww|axios\/|node-fetch|undici|postman|insomnia/i;
const AUTOMATED_ON_API = /bot\b|bot\/|crawl|spider|slurp|scrap/i;

export interface DemandGateOptions {
  /** Signals one visitor may add per day; more is a flood, not demand. */
  perVisitorPerDay?: number;
  /** Distinct (visitor, signal) pairs remembered per day; past it, new signals are dropped. */
  maxRemembered?: number;
}

/**
 * Decides whether a search or match counts as demand, so that the figures NCC reads are about
 * SMEs' needs, not about who repeated a query most. A visitor is known only as a keyed hash of
 * address and user agent whose key is made at random each Copenhagen day and never stored, so
 * no one (not even this process tomorrow) can link the hash back to a person or across days:
 * - only anonymous visitors count: a logged-in vendor or NCC staff member, or an API token, does not;
 * - automated traffic (crawlers; on the site also scripts and headless browsers) is left out;
 * - the same visitor asking the same thing twice in a day counts once;
 * - one visitor adds at most `perVisitorPerDay` signals a day, and memory stays bounded.
 * Written here rather than with a rate-limit library: this is a counting rule of the domain,
 * and requests above it are still answered, just not counted.
 */
export class DemandGate {
  private day = '';
  private key: Buffer = Buffer.alloc(0);
  private readonly seen = new Set<string>();
  private readonly perVisitor = new Map<string, number>();

  constructor(private readonly options: DemandGateOptions = {}) {}

  admit(signal: DemandSignal, visitor: Visitor | undefined, now: Date = new Date()): boolean {
    if (!visitor?.userAgent || !visitor.address) return false;
    if ((visitor.viewer ?? 'anonymous') !== 'anonymous') return false;
    if ((visitor.channel === 'site' ? AUTOMATED : AUTOMATED_ON_API).test(visitor.userAgent)) return false;
    this.turnDay(now);
    const who = createHmac('sha256', this.key).update(`${visitor.address}\n${visitor.userAgent}`).digest('base64url');
    const asked = `${who} ${signalKey(signal)}`;
    if (this.seen.has(asked)) return false;
    const count = this.perVisitor.get(who) ?? 0;
    if (count >= (this.options.perVisitorPerDay ?? 100)) return false;
    if (this.seen.size >= (this.options.maxRemembered ?? 200_000)) return false;
    this.seen.add(asked);
    this.perVisitor.set(who, count + 1);
    return true;
  }

  private turnDay(now: Date): void {
    const day = copenhagenDay(now);
    if (day === this.day) return;
    this.day = day;
    this.key = randomBytes(32);
    this.seen.clear();
    this.perVisitor.clear();
  }
}

/** What makes two signals the same question: the words as typed (normalised) and every filter. */
function signalKey(signal: DemandSignal): string {
  return JSON.stringify([
    signal.kind,
    [...signal.needs].sort(),
    signal.region,
    signal.sector,
    signal.sizeBand,
    signal.query?.trim().toLowerCase().replace(/\s+/g, ' ') ?? null,
  ]);
}
