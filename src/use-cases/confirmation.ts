import type { Logger } from 'pino';
import { appendAudit } from '../../graph/audit';
import {
  claimReminder,
  confirmCompanyIn,
  dueReminders,
  optedOut,
  optOut,
  releaseReminder,
} from '../../graph/confirmation';
import type { Executor } from '../../graph/executor';
import { isSlug } from '../../graph/slug';
import { inTransaction } from '../../graph/submissions';
import type { GraphWriter } from '../../graph/write';
import { canEditCompany, type Viewer } from '../auth/viewer';
import { companyPath, myPagesPath, unsubscribePath } from '../i18n/routes';
import { renderConfirmationReminder } from '../mail/confirmation-reminder';
import type { Mailer } from '../mail/mailer';
import { addressHash, unsubscribeToken, verifyUnsubscribeToken } from '../mail/unsubscribe';
import { ForbiddenError, NotFoundError, ValidationError } from './errors';
import { actorId, inOneTransaction, type ListingStore } from './listing-store';

/**
 * The yearly confirmation (graph/confirmation.ts): a vendor says their listing is still correct,
 * the daily job reminds those who have not for 11 and 12 months, and a recipient can stop the
 * mails. The confirmation is a change of the listing (search and matching mark it from the date),
 * so it goes through the write path and the change log, and it is audited.
 */

export interface ListingConfirmation {
  company: string;
  confirmedAt: string;
}

/** A vendor of the company confirms its listing (company and products) as still correct. */
export async function confirmListing(
  store: ListingStore,
  viewer: Viewer,
  companySlug: string,
): Promise<ListingConfirmation> {
  if (viewer.kind !== 'vendor') throw new ForbiddenError('Only the company itself can confirm its listing.');
  if (!isSlug(companySlug)) throw new NotFoundError(`${companySlug} is not in the directory.`);
  if (!canEditCompany(viewer, companySlug)) throw new ForbiddenError('You do not act for this company.');
  return inOneTransaction(store, 'listing.confirm', async (tx) => {
    const actor = await actorId(inTransaction(tx), viewer);
    const confirmed = await confirmCompanyIn(tx, companySlug);
    if (!confirmed) throw new NotFoundError(`${companySlug} is not in the directory.`);
    await appendAudit(tx, {
      action: 'confirm',
      actorKind: 'vendor',
      actorId: actor,
      company: companySlug,
      details: { confirmedAt: confirmed.confirmedAt },
    });
    return { company: confirmed.slug, confirmedAt: confirmed.confirmedAt };
  });
}

export interface ReminderDeps {
  executor: Executor;
  writer: GraphWriter;
  mailer: Mailer;
  config: { PUBLIC_URL: string; COOKIE_SECRET: string };
  log: Logger;
}

export interface ReminderRun {
  /** Mails sent (one per company and stage, to all its recipients). */
  sent: number;
  /** Reminders due with nobody to write to (no address, or every address opted out). */
  skipped: number;
  /** Reminders that failed to send; they are tried again on the next run. */
  failed: number;
}

/**
 * Sends the reminders due at `now` (injectable for tests and for catching up) and records each on
 * the graph after it went out, so a restart does not send it again. Recipients: the people who may
 * edit the company (their login's e-mail), or, when nobody has logged in for it yet, the company's
 * public contact address. `companies` limits the run (the CLI's --company).
 */
interface MailFailure {
  /** nodemailer's error code ('EENVELOPE', 'ECONNECTION', …) and the SMTP reply code, nothing else. */
  code: string | null;
  responseCode: number | null;
}

function mailFailure(error: unknown): MailFailure {
  const fields = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return {
    code: typeof fields.code === 'string' ? fields.code : null,
    responseCode: typeof fields.responseCode === 'number' ? fields.responseCode : null,
  };
}

export async function sendConfirmationReminders(
  deps: ReminderDeps,
  now: Date = new Date(),
  companies: readonly string[] | null = null,
): Promise<ReminderRun> {
  const run: ReminderRun = { sent: 0, skipped: 0, failed: 0 };
  const origin = deps.config.PUBLIC_URL;
  const absolute = (path: string) => new URL(path, origin).href;
  for (const due of await dueReminders(deps.executor, now, companies)) {
    const candidates = due.editorEmails.length > 0 ? due.editorEmails : due.companyEmail ? [due.companyEmail] : [];
    const unique = [
      ...new Map(
        candidates.map((address) => [addressHash(address, deps.config.COOKIE_SECRET), address.trim()]),
      ).entries(),
    ];
    const stopped = await optedOut(
      deps.executor,
      unique.map(([hash]) => hash),
    );
    const recipients = unique.filter(([hash]) => !stopped.has(hash)).map(([, address]) => address);
    if (!(await claimReminder(deps.writer, due))) continue;
    // One mail per recipient, so each carries their own unsubscribe link. An address that refuses
    // the mail does not stop the others, and the reminder counts as sent when anyone got it: given
    // back only when nobody did, so one dead address never makes the others get it every day.
    let delivered = 0;
    const failures: MailFailure[] = [];
    for (const address of recipients) {
      const token = unsubscribeToken(address, deps.config.COOKIE_SECRET);
      const mail = renderConfirmationReminder({
        companyName: due.name,
        stage: due.stage,
        confirmedAt: due.confirmedAt,
        myPagesUrl: { da: absolute(myPagesPath('da')), en: absolute(myPagesPath('en')) },
        publicUrl: { da: absolute(companyPath('da', due.slug)), en: absolute(companyPath('en', due.slug)) },
        unsubscribeUrl: {
          da: absolute(unsubscribePath('da', token)),
          en: absolute(unsubscribePath('en', token)),
        },
      });
      try {
        await deps.mailer.send({ ...mail, to: [address] });
        delivered += 1;
      } catch (error) {
        failures.push(mailFailure(error));
      }
    }
    if (failures.length > 0) {
      // What went wrong without whom: a mail error's message, `rejected` and `response` name the
      // address, so only its codes are logged.
      deps.log.warn(
        { company: due.slug, stage: due.stage, failures, delivered },
        delivered > 0
          ? 'confirmation reminder not delivered to every address'
          : 'confirmation reminder not sent; will retry',
      );
    }
    if (delivered > 0) run.sent += 1;
    else if (failures.length > 0) {
      run.failed += 1;
      await releaseReminder(deps.writer, due).catch(() => undefined);
    } else run.skipped += 1;
  }
  return run;
}

/** The person behind an unsubscribe link stops the service's mails (the page's POST). */
export async function unsubscribe(store: ListingStore, secret: string, token: string | null): Promise<void> {
  const hash = verifyUnsubscribeToken(token, secret);
  if (!hash) {
    throw new ValidationError([{ path: 'token', code: 'invalid_token', message: 'is not a link this site made' }]);
  }
  await optOut(store.writer, hash);
}

/** Whether a link's token is valid (the page's GET shows the confirm button only then). */
export const unsubscribeTokenValid = (secret: string, token: string | null) =>
  verifyUnsubscribeToken(token, secret) !== null;
