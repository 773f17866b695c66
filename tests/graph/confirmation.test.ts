import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, isUnconfirmed } from '../../graph/confirmation';
import type { Follower } from '../../src/indexing/sync';
import { createMailer, type Mailer, readOutbox } from '../../src/mail/mailer';
import { addressHash } from '../../src/mail/unsubscribe';
import { confirmListing, sendConfirmationReminders, unsubscribe } from '../../src/use-cases/confirmation';
import { approveSubmission } from '../../src/use-cases/moderation';
import { saveDraft, submitDraft } from '../../src/use-cases/submissions';
import { followIntoReadModels, testApi } from '../support/api';
import { closeTestExecutor, operatorWrite, testExecutor } from '../support/graph';
import { createTestWorld, type TestWorld } from '../support/listings';

/**
 * The yearly confirmation against the real graph: the reminder job at 11 and 12 months (once per
 * confirmation period, also across a restart), who it writes to, that an unsubscribe stops it,
 * that a confirmation or an approval starts a new period, and that 15 months without one takes
 * the listing out of matching while search keeps it, marked. "Now" is injected; the mails go to
 * a local outbox folder of this test's own.
 */

type Api = Awaited<ReturnType<typeof testApi>>;
let api: Api;
let world: TestWorld;
let follower: Follower;
let outbox: string;
let mailer: Mailer;
const SECRET = 'confirmation-test-secret-'.padEnd(40, 'x');
const log = pino({ level: 'silent' });
/** Company B's vendor gets an address of this run's own, so an opt-out never outlives the test. */
let addressB: string;

beforeAll(async () => {
  api = await testApi();
  world = await createTestWorld(testExecutor(), 'confirmation');
  addressB = `${world.prefix}-b@test.example`;
  await operatorWrite(
    'test.vendorBAddress',
    "MATCH (u:User {issuer: 'test', subject: $subject}) SET u.email = $email",
    { subject: `${world.prefix}-vendorB`, email: addressB },
  );
  outbox = await mkdtemp(path.join(tmpdir(), 'cyberkort-confirmation-outbox-'));
  mailer = createMailer({
    SMTP_URL: undefined,
    MAIL_FROM: 'Cyberkort <ikke-svar@cyberkort.example>',
    MAIL_OUTBOX_DIR: outbox,
  });
  follower = await followIntoReadModels(api.services);
});

afterAll(async () => {
  follower?.stop();
  mailer?.close();
  if (addressB)
    await operatorWrite('test.optOutCleanup', 'MATCH (o:MailOptOut {addressHash: $hash}) DELETE o', {
      hash: addressHash(addressB, SECRET),
    });
  await world?.cleanup();
  if (outbox) await rm(outbox, { recursive: true, force: true });
  await closeTestExecutor();
});

const deps = () => ({
  executor: api.services.executor,
  writer: api.services.writer,
  mailer,
  config: { PUBLIC_URL: 'https://cyberkort.example', COOKIE_SECRET: SECRET },
  log,
});

async function confirmedAt(slug: string): Promise<Date> {
  const [row] = await testExecutor().read<{ at: string }>(
    'test.confirmedAt',
    'MATCH (c:Company {slug: $slug}) RETURN toString(c.confirmedAt) AS at',
    { slug },
  );
  if (!row?.at) throw new Error(`${slug} has no confirmation date`);
  return new Date(row.at);
}

const remind = (slug: string, now: Date) => sendConfirmationReminders(deps(), now, [slug]);
const plusDay = (date: Date) => new Date(date.getTime() + 24 * 60 * 60_000);
const mailsTo = async (address: string) =>
  (await readOutbox({ MAIL_OUTBOX_DIR: outbox })).filter((mail) => mail.to.includes(address));

describe('the yearly confirmation', () => {
  it('reminds the vendor at 11 and at 12 months, each once per confirmation, also after a restart', async () => {
    const slug = world.companyA.slug;
    const since = await confirmedAt(slug);
    const vendor = 'vendorA@test.example';
    const before = (await mailsTo(vendor)).length;

    expect(await remind(slug, addMonths(since, 10))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(await remind(slug, plusDay(addMonths(since, 11)))).toEqual({ sent: 1, skipped: 0, failed: 0 });
    // A second run (a restart, another process, the CLI) finds it recorded on the graph.
    expect(await remind(slug, plusDay(addMonths(since, 11)))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    const eleven = await mailsTo(vendor);
    expect(eleven).toHaveLength(before + 1);
    expect(eleven[0]?.subject).toMatch(/^Er jeres oplysninger stadig rigtige\? \/ Is your listing still correct\?/);
    expect(eleven[0]?.text).toContain(`https://cyberkort.example/virksomhed/${slug}`);
    expect(eleven[0]?.headers['List-Unsubscribe']).toMatch(/^<https:\/\/cyberkort\.example\/afmeld\?token=/);

    expect(await remind(slug, plusDay(addMonths(since, 12)))).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(await remind(slug, addMonths(since, 14))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect((await mailsTo(vendor))[0]?.subject).toMatch(/ikke bekræftet i over et år \/ .*not been confirmed/);

    // Confirming starts a new period, audited, with its own reminders.
    const confirmation = await confirmListing(api.services, world.viewers.vendorA, slug);
    expect(confirmation.company).toBe(slug);
    const renewed = await confirmedAt(slug);
    expect(renewed.getTime()).toBeGreaterThan(since.getTime());
    const [audit] = await testExecutor().read<{ actorKind: string }>(
      'test.confirmAudit',
      "MATCH (e:AuditEvent {action: 'confirm', company: $slug}) RETURN e.actorKind AS actorKind",
      { slug },
    );
    expect(audit?.actorKind).toBe('vendor');
    expect(await remind(slug, plusDay(addMonths(renewed, 11)))).toEqual({ sent: 1, skipped: 0, failed: 0 });
  });

  it('sends a due reminder once when two processes run the job at the same moment', async () => {
    const slug = world.companyA.slug;
    // A period of its own, whatever the test before left.
    await confirmListing(api.services, world.viewers.vendorA, slug);
    const since = await confirmedAt(slug);
    const before = (await mailsTo('vendorA@test.example')).length;
    const at = plusDay(addMonths(since, 11));
    const runs = await Promise.all([remind(slug, at), remind(slug, at), remind(slug, at)]);
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(1);
    expect(await mailsTo('vendorA@test.example')).toHaveLength(before + 1);
  });

  it('gives the reminder back when it could not be sent, so the next run sends it', async () => {
    const slug = world.companyA.slug;
    const since = await confirmedAt(slug);
    const at = plusDay(addMonths(since, 12));
    const failing = { ...deps(), mailer: { ...mailer, send: async () => Promise.reject(new Error('SMTP down')) } };
    expect(await sendConfirmationReminders(failing, at, [slug])).toEqual({ sent: 0, skipped: 0, failed: 1 });
    expect(await remind(slug, at)).toEqual({ sent: 1, skipped: 0, failed: 0 });
  });

  it('counts a reminder as sent when one of two addresses refuses it, and logs no address', async () => {
    const slug = world.companyA.slug;
    await confirmListing(api.services, world.viewers.vendorA, slug);
    const since = await confirmedAt(slug);
    const dead = `${world.prefix}-left-the-company@test.example`;
    await operatorWrite(
      'test.secondEditor',
      `CREATE (:User {id: randomUUID(), issuer: 'test', subject: $subject, kind: 'vendor', name: 'Test left', email: $email, cvr: $cvr})`,
      { subject: `${world.prefix}-left`, email: dead, cvr: world.companyA.cvr },
    );
    const lines: string[] = [];
    const captured = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const refusing: Mailer = {
      ...mailer,
      async send(mail) {
        if (mail.to.includes(dead)) {
          throw Object.assign(new Error(`Can't send mail - all recipients were rejected: 550 <${dead}> unknown`), {
            code: 'EENVELOPE',
            responseCode: 550,
            rejected: [dead],
          });
        }
        await mailer.send(mail);
      },
    };
    const at = plusDay(addMonths(since, 11));
    const first = await sendConfirmationReminders({ ...deps(), mailer: refusing, log: captured }, at, [slug]);
    expect(first).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(lines.join('')).toContain('EENVELOPE');
    expect(lines.join('')).not.toContain('@');
    // Not given back: the address that got it is not written to again tomorrow.
    expect(
      await sendConfirmationReminders({ ...deps(), mailer: refusing, log: captured }, plusDay(at), [slug]),
    ).toEqual({
      sent: 0,
      skipped: 0,
      failed: 0,
    });
    await operatorWrite('test.secondEditorGone', "MATCH (u:User {issuer: 'test', subject: $subject}) DETACH DELETE u", {
      subject: `${world.prefix}-left`,
    });
  });

  it("refuses another company's vendor, and writes nothing then", async () => {
    const before = await confirmedAt(world.companyA.slug);
    await expect(confirmListing(api.services, world.viewers.vendorB, world.companyA.slug)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(confirmListing(api.services, world.viewers.reviewer, world.companyA.slug)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await confirmedAt(world.companyA.slug)).toEqual(before);
  });

  it("writes to the company's contact address when nobody may edit it, and stops after an unsubscribe", async () => {
    const slug = world.companyB.slug;
    const since = await confirmedAt(slug);
    await operatorWrite('test.noEditorAddress', "MATCH (u:User {issuer: 'test', email: $email}) SET u.email = null", {
      email: addressB,
    });
    expect(await remind(slug, plusDay(addMonths(since, 11)))).toMatchObject({ sent: 1 });
    expect((await mailsTo('kontakt@testfirma.example')).some((mail) => mail.text.includes(`/virksomhed/${slug}`))).toBe(
      true,
    );
    await operatorWrite(
      'test.editorAddress',
      "MATCH (u:User {issuer: 'test', subject: $subject}) SET u.email = $email",
      {
        subject: `${world.prefix}-vendorB`,
        email: addressB,
      },
    );

    expect(await remind(slug, plusDay(addMonths(since, 12)))).toMatchObject({ sent: 1 });
    const [mail] = await mailsTo(addressB);
    const token = decodeURIComponent(/\/afmeld\?token=([^\s]+)/.exec(mail?.text ?? '')?.[1] ?? '');
    await expect(unsubscribe(api.services, SECRET, `${token}x`)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await unsubscribe(api.services, SECRET, token);

    // A new period would remind again, but not this address.
    await confirmListing(api.services, world.viewers.vendorB, slug);
    const renewed = await confirmedAt(slug);
    expect(await remind(slug, plusDay(addMonths(renewed, 11)))).toEqual({ sent: 0, skipped: 1, failed: 0 });
    expect(await mailsTo(addressB)).toHaveLength(1);
  });

  it('counts an approval as a confirmation; 15 months without one leaves matching, while search keeps it marked', async () => {
    const slug = world.companyA.slug;
    const draft = await saveDraft(api.services, world.viewers.vendorA, {
      kind: 'product',
      op: 'create',
      companySlug: slug,
      record: world.productRecord(`Årlig gennemgang ${world.prefix}`),
    });
    await submitDraft(api.services, world.viewers.vendorA, draft.id);
    const before = await confirmedAt(slug);
    await approveSubmission(api.services, world.viewers.reviewer, draft.id);
    expect((await confirmedAt(slug)).getTime()).toBeGreaterThan(before.getTime());

    const matched = async () =>
      (await api.services.matcher.match({ needs: [world.codes.need] })).providers
        .slice()
        .some((provider) => provider.candidate.slug === slug);
    const state = async () =>
      (
        await api.query<{ company: { confirmationState: string; confirmedAt: string } }>(
          'query C($slug: String!) { company(slug: $slug) { confirmationState confirmedAt } }',
          { slug },
        )
      ).data?.company.confirmationState;
    await follower.runOnce();
    expect(await matched()).toBe(true);
    expect(await state()).toBe('current');

    // As if the company had not confirmed for 13, then 16 months: set through the write path, so
    // search and matching follow the change log as they would any change.
    const backdate = (months: number) =>
      api.services.writer.change('test.backdateConfirmation', async (tx) => {
        await tx.run(
          'MATCH (c:Company {slug: $slug}) SET c.confirmedAt = datetime() - duration({months: toInteger($months)})',
          {
            slug,
            months,
          },
        );
        tx.changed({ kind: 'Company', key: slug, op: 'updated', company: slug });
      });
    const searched = async () =>
      (await api.services.search.search({ query: '', filters: { companySlug: slug }, limit: 10 })).hits.map(
        (hit) => hit.document,
      );

    await backdate(13);
    await follower.runOnce();
    expect(await state()).toBe('unconfirmed');
    expect(await matched()).toBe(true);
    const marked = await searched();
    expect(marked.length).toBeGreaterThan(1);
    expect(marked.every((document) => isUnconfirmed(document.confirmedAt))).toBe(true);

    await backdate(16);
    await follower.runOnce();
    expect(await state()).toBe('lapsed');
    expect(await matched()).toBe(false);
    // Still one of the companies that offer the need (the count a need's provider count matches), once
    // however often the profile names the need.
    const lapsedMatch = await api.services.matcher.match({ needs: [world.codes.need, world.codes.need] });
    const offering = api.services.matcher.candidates.candidatesFor([world.codes.need]);
    expect(offering.filter((candidate) => candidate.slug === slug)).toHaveLength(1);
    expect(lapsedMatch.offering).toBe(offering.length);
    expect(lapsedMatch.providers.length).toBeLessThan(offering.length);
    expect((await searched()).map((document) => document.kind).sort()).toEqual(['company', 'product']);

    // A match "now" is the injected moment too: 16 months back it was still matched.
    expect(
      (await api.services.matcher.match({ needs: [world.codes.need] }, { now: addMonths(new Date(), -2) })).providers
        .slice()
        .some((provider) => provider.candidate.slug === slug),
    ).toBe(true);
  });
});
