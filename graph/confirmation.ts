import type { Executor } from './executor';
import type { GraphWriter, WriteTransaction } from './write';

/**
 * The yearly confirmation. A vendor says "still correct" (or NCC-DK approves a change of theirs),
 * which stamps `(:Company).confirmedAt`; the company's products share it. From that moment the
 * listing's confirmation period runs: reminders at 11 and 12 months, a public "not confirmed for
 * over a year" note from 12, and out of matching (still findable, marked) from 15. The marking is
 * decided at read time against "now", since time passing changes it without any write.
 */

export const CONFIRMATION_MONTHS = {
  firstReminder: 11,
  secondReminder: 12,
  /** From here the listing is marked on its page, in search and in match results. */
  unconfirmed: 12,
  /** From here it leaves matching. */
  outOfMatching: 15,
} as const;

export const REMINDER_STAGES = [CONFIRMATION_MONTHS.firstReminder, CONFIRMATION_MONTHS.secondReminder] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

export const CONFIRMATION_STATES = ['current', 'unconfirmed', 'lapsed'] as const;
export type ConfirmationState = (typeof CONFIRMATION_STATES)[number];

/** Calendar months later in UTC, the day clamped to the month's last (31 January + 1 month = 28/29 February), as Cypher's duration arithmetic does. */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const last = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, last));
  return result;
}

const toDate = (value: string | number | Date | null | undefined): Date | null => {
  if (value === null || value === undefined || value === '' || value === 0) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/**
 * Where a listing stands. A listing without a confirmation date (written before confirmations were
 * recorded, and not yet migrated) counts as current: nobody was ever asked, so it is not marked.
 */
export function confirmationState(
  confirmedAt: string | number | Date | null | undefined,
  now: Date = new Date(),
): ConfirmationState {
  const at = toDate(confirmedAt);
  if (!at) return 'current';
  if (lapsesAt(at) <= now.getTime()) return 'lapsed';
  if (addMonths(at, CONFIRMATION_MONTHS.unconfirmed) <= now) return 'unconfirmed';
  return 'current';
}

/** The moment (epoch ms) a listing confirmed at `confirmedAt` drops out of matching; Infinity without a date. */
export function lapsesAt(confirmedAt: string | number | Date | null | undefined): number {
  const at = toDate(confirmedAt);
  return at ? addMonths(at, CONFIRMATION_MONTHS.outOfMatching).getTime() : Number.POSITIVE_INFINITY;
}

/** Whether the listing is marked "not confirmed for over a year" (from 12 months, lapsed included). */
export const isUnconfirmed = (confirmedAt: string | number | Date | null | undefined, now: Date = new Date()) =>
  confirmationState(confirmedAt, now) !== 'current';

// The reminder properties hold the confirmation they were sent for, so a new confirmation (by
// whatever path sets confirmedAt) starts a new period without anything having to clear them.
const CONFIRM = `
MATCH (c:Company {slug: $slug})
SET c.confirmedAt = datetime.transaction()
RETURN c.slug AS slug, toString(c.confirmedAt) AS confirmedAt`;

/**
 * Stamps the company as confirmed inside a change's transaction and reports it changed, so search
 * and matching pick up the new date from the change log. Null when there is no such company.
 */
export async function confirmCompanyIn(
  tx: WriteTransaction,
  slug: string,
): Promise<{ slug: string; confirmedAt: string } | null> {
  const [row] = await tx.run<{ slug: string; confirmedAt: string }>(CONFIRM, { slug });
  if (!row) return null;
  tx.changed({ kind: 'Company', key: slug, op: 'updated', company: slug });
  return row;
}

const CONFIRMED_AT = `
UNWIND $slugs AS slug
MATCH (c:Company {slug: slug})
RETURN c.slug AS slug, toString(c.confirmedAt) AS confirmedAt`;

/** When each of the companies was last confirmed (null when never). */
export async function confirmationDates(
  reader: Pick<Executor, 'read'>,
  slugs: readonly string[],
): Promise<Map<string, string | null>> {
  const rows = await reader.read<{ slug: string; confirmedAt: string | null }>('confirmation.dates', CONFIRMED_AT, {
    slugs,
  });
  return new Map(rows.map((row) => [row.slug, row.confirmedAt]));
}

/**
 * The companies a reminder is due for at $now: the latest stage reached (12 before 11, so a job
 * that was down for a month sends one mail, not two) whose reminder was not yet sent for the
 * current confirmation. The people who may edit the company are its vendors: logins acting for its
 * CVR number and people NCC-DK granted access; their e-mail is what their last login said.
 */
const DUE_REMINDERS = `
MATCH (c:Company)
WHERE c.confirmedAt IS NOT NULL AND ($slugs IS NULL OR c.slug IN $slugs)
WITH c, CASE
  WHEN c.confirmedAt + duration({months: 12}) <= datetime($now) THEN 12
  WHEN c.confirmedAt + duration({months: 11}) <= datetime($now) THEN 11
END AS stage
WHERE (stage = 12 AND coalesce(c.reminder12For <> c.confirmedAt, true))
   OR (stage = 11 AND coalesce(c.reminder11For <> c.confirmedAt, true))
RETURN c.slug AS slug, c.name AS name, c.email AS companyEmail, toString(c.confirmedAt) AS confirmedAt, stage,
  COLLECT {
    MATCH (u:User {kind: 'vendor'})
    WHERE u.email IS NOT NULL AND (u.cvr = c.cvr OR (u)-[:MAY_EDIT]->(c))
    RETURN DISTINCT u.email
  } AS editorEmails
ORDER BY c.slug`;

export interface DueReminder {
  slug: string;
  name: string;
  companyEmail: string | null;
  confirmedAt: string;
  stage: ReminderStage;
  editorEmails: string[];
}

export function dueReminders(
  reader: Pick<Executor, 'read'>,
  now: Date,
  slugs: readonly string[] | null = null,
): Promise<DueReminder[]> {
  return reader.read<DueReminder>('confirmation.dueReminders', DUE_REMINDERS, {
    now: now.toISOString(),
    slugs,
  });
}

// Only for the confirmation it was due for: a vendor who confirmed meanwhile starts a new period.
// The first SET takes the company's write lock before the marker is read, so of two processes
// running the job at the same moment only one sees the reminder as unclaimed and sends it.
const CLAIM_REMINDER = `
MATCH (c:Company {slug: $slug})
SET c.reminderClaim = $stage
WITH c
REMOVE c.reminderClaim
WITH c
WHERE c.confirmedAt = datetime($confirmedAt)
  AND coalesce(CASE $stage WHEN 11 THEN c.reminder11For ELSE c.reminder12For END <> c.confirmedAt, true)
SET c.reminder11For = CASE WHEN $stage = 11 THEN c.confirmedAt ELSE c.reminder11For END,
    c.reminder12For = CASE WHEN $stage = 12 THEN c.confirmedAt ELSE c.reminder12For END
RETURN true AS claimed`;

const RELEASE_REMINDER = `
MATCH (c:Company {slug: $slug})
WHERE c.confirmedAt = datetime($confirmedAt)
SET c.reminder11For = CASE WHEN $stage = 11 THEN null ELSE c.reminder11For END,
    c.reminder12For = CASE WHEN $stage = 12 THEN null ELSE c.reminder12For END`;

type ReminderKey = Pick<DueReminder, 'slug' | 'confirmedAt' | 'stage'>;
const keyOf = (reminder: ReminderKey) => ({
  slug: reminder.slug,
  confirmedAt: reminder.confirmedAt,
  stage: reminder.stage,
});

/**
 * Records, before it is sent, that the stage's reminder goes out for this confirmation, so a
 * restart or a second server does not send it again. False when it was already claimed (or the
 * company confirmed meanwhile): then nothing is to be sent.
 */
export async function claimReminder(writer: GraphWriter, reminder: ReminderKey): Promise<boolean> {
  const rows = await writer.run<{ claimed: boolean }>('confirmation.claimReminder', CLAIM_REMINDER, keyOf(reminder));
  return rows.length > 0;
}

/** Gives a claim back after the mail could not be sent, so the next run tries again. */
export async function releaseReminder(writer: GraphWriter, reminder: ReminderKey): Promise<void> {
  await writer.run('confirmation.releaseReminder', RELEASE_REMINDER, keyOf(reminder));
}

/**
 * Opting out of the service's mails, by a hash of the address: the graph keeps no address of
 * someone who asked not to be written to, and the unsubscribe link carries only the hash.
 */
const OPT_OUT = `
MERGE (o:MailOptOut {addressHash: $addressHash})
ON CREATE SET o.at = datetime.transaction()`;

const OPTED_OUT = `
MATCH (o:MailOptOut) WHERE o.addressHash IN $hashes
RETURN o.addressHash AS addressHash`;

export async function optOut(writer: GraphWriter, addressHash: string): Promise<void> {
  await writer.run('mail.optOut', OPT_OUT, { addressHash });
}

export async function optedOut(reader: Pick<Executor, 'read'>, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await reader.read<{ addressHash: string }>('mail.optedOut', OPTED_OUT, { hashes });
  return new Set(rows.map((row) => row.addressHash));
}
