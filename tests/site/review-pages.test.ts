import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GraphWriter } from '../../graph/write';
import type { ListingStore } from '../../src/use-cases/listing-store';
import { saveDraft, submitDraft } from '../../src/use-cases/submissions';
import { csrfOf as csrfOn, postForm } from '../support/forms';
import { closeTestExecutor, testExecutor } from '../support/graph';
import { createTestWorld, type TestWorld } from '../support/listings';
import { type CookieJar, logInAs, send } from '../support/login';

/**
 * The NCC staff review pages over the built site: a vendor's submitted change reaches the queue,
 * its detail shows the diff, a rejection needs a reason, an approval publishes it, and only
 * reviewers get in. The reviewer is the development provider's, logged in over HTTP.
 */

const base = inject('baseUrl');
let world: TestWorld;
let store: ListingStore;
let reviewer: CookieJar;
let submissionId: string;
const NEW_DESCRIPTION = 'Vi hjælper små virksomheder med backup og opdateringer.';

beforeAll(async () => {
  const executor = testExecutor();
  store = { executor, writer: new GraphWriter(executor) };
  world = await createTestWorld(executor, 'reviewpages');
  const [row] = await executor.read<{ version: number }>(
    'test.version',
    'MATCH (c:Company {slug: $slug}) RETURN c.version AS version',
    { slug: world.companyA.slug },
  );
  const record = world.companyRecord({
    name: `Testfirma a ${world.prefix}`,
    description: { da: NEW_DESCRIPTION, en: 'We help small businesses with everyday IT security.' },
  });
  const draft = await saveDraft(store, world.viewers.vendorA, {
    kind: 'company',
    op: 'update',
    companySlug: world.companyA.slug,
    baseVersion: row?.version ?? 1,
    record,
  });
  submissionId = (await submitDraft(store, world.viewers.vendorA, draft.id)).id;
  reviewer = (await logInAs(base, { as: 'staff', person: 'Karen Lund' })).jar;
});

afterAll(async () => {
  await world?.cleanup();
  await closeTestExecutor();
});

const detailPath = () => `/ncc/gennemgang/${submissionId}`;

const csrfOf = (jar: CookieJar, path: string) => csrfOn(jar, new URL(path, base));

const post = (jar: CookieJar, path: string, fields: Record<string, string>) =>
  postForm(jar, new URL(path, base), fields);

describe('the review pages', () => {
  it('send anonymous visitors to the login page and back, and answer a vendor with 403', async () => {
    const anonymous = await fetch(new URL('/ncc/gennemgang', base), { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/log-ind?returnTo=${encodeURIComponent('/ncc/gennemgang')}`);

    const vendor = await logInAs(base, { as: 'vendor', person: 'not in the directory' });
    for (const path of [
      '/ncc/gennemgang',
      '/en/ncc/review',
      detailPath(),
      `/ncc/certificeringer/${world.companyA.slug}`,
    ]) {
      const response = await send(vendor.jar, new URL(path, base));
      expect(response.status, path).toBe(403);
      expect(await response.text()).not.toContain(world.companyA.slug);
    }
  });

  it('list the submitted change in the queue, in both languages, linking to its diff', async () => {
    const da = await send(reviewer, new URL('/ncc/gennemgang', base));
    expect(da.status).toBe(200);
    const html = await da.text();
    expect(html).toContain(world.companyA.slug);
    expect(html).toContain(`href="${detailPath()}"`);
    expect(html).toContain('Ændringer til gennemgang');

    const en = await (await send(reviewer, new URL('/en/ncc/review', base))).text();
    expect(en).toContain(`href="/en/ncc/review/${submissionId}"`);
    expect(en).toContain('Changes to review');

    const myPages = await (await send(reviewer, new URL('/mine-sider', base))).text();
    expect(myPages).toContain('href="/ncc/gennemgang"');
  });

  it('show the changed field with its published and proposed value', async () => {
    const response = await send(reviewer, new URL(detailPath(), base));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<th scope="row">Beskrivelse på dansk</th>');
    expect(html).not.toContain('description.da');
    expect(html).toContain(NEW_DESCRIPTION);
    expect(html).toContain('Ændret');
    expect(html).toContain('Godkend');
    expect(html).toContain('Afvis');
    expect(html).toContain(`href="/ncc/certificeringer/${world.companyA.slug}"`);
  });

  it("write a new product's fields in words, in both languages: labels, money, yes/no, needs by name", async () => {
    const draft = await saveDraft(store, world.viewers.vendorA, {
      kind: 'product',
      op: 'create',
      companySlug: world.companyA.slug,
      record: world.productRecord(`Kvartalstjek ${world.prefix}`),
    });
    const productId = (await submitDraft(store, world.viewers.vendorA, draft.id)).id;
    const [need] = await testExecutor().read<{ da: string; en: string }>(
      'test.needName',
      'MATCH (n:Need {slug: $slug}) RETURN n.nameDa AS da, n.nameEn AS en',
      { slug: world.codes.need },
    );
    const escaped = (text: string) =>
      text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

    const da = await (await send(reviewer, new URL(`/ncc/gennemgang/${productId}`, base))).text();
    for (const text of [
      '<th scope="row">Pris fra</th>',
      '4.900 kr.',
      '<th scope="row">Egnet til små og mellemstore virksomheder</th>',
      '<td>Ja</td>',
      '<td>Fast pris</td>',
      '<td>Ydelse</td>',
      '<th scope="row">Behov, den hjælper med</th>',
      escaped(`${need?.da} (${world.codes.need})`),
    ])
      expect(da).toContain(text);
    for (const raw of ['priceFromDkk', 'smeFit', 'needSlugs', '>true<', '>4900<']) expect(da).not.toContain(raw);

    const en = await (await send(reviewer, new URL(`/en/ncc/review/${productId}`, base))).text();
    for (const text of [
      '<th scope="row">Price from</th>',
      'DKK 4,900',
      '<td>Yes</td>',
      '<td>Fixed price</td>',
      '<th scope="row">Needs it helps with</th>',
      escaped(`${need?.en} (${world.codes.need})`),
    ])
      expect(en).toContain(text);
  });

  it('refuse a post without the CSRF token, and a rejection without a reason', async () => {
    const forged = await post(reviewer, detailPath(), { decision: 'approve' });
    expect(forged.status).toBe(403);

    const token = await csrfOf(reviewer, detailPath());
    const missing = await post(reviewer, detailPath(), { _csrf: token, decision: 'reject', reason: '' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('id="reason-error"');
    const empty = await post(reviewer, detailPath(), { _csrf: token, decision: 'reject', reason: ' x ' });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain('Skriv en begrundelse på mindst 5 tegn.');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toMatch(/<textarea[^>]*> x <\/textarea>/);
  });

  it('publish the change on approval and return to the queue with a confirmation', async () => {
    const token = await csrfOf(reviewer, detailPath());
    const approved = await post(reviewer, detailPath(), { _csrf: token, decision: 'approve' });
    expect(approved.status).toBe(303);
    expect(approved.headers.get('location')).toBe('/ncc/gennemgang?decided=approved');

    const queue = await (await send(reviewer, new URL('/ncc/gennemgang?decided=approved', base))).text();
    expect(queue).toContain('Ændringen er godkendt og offentliggjort.');
    expect(queue).not.toContain(`href="${detailPath()}"`);

    const [published] = await testExecutor().read<{ description: string; status: string }>(
      'test.published',
      `MATCH (c:Company {slug: $slug}), (s:Submission {id: $id})
       RETURN c.descriptionDa AS description, s.status AS status`,
      { slug: world.companyA.slug, id: submissionId },
    );
    expect(published).toEqual({ description: NEW_DESCRIPTION, status: 'approved' });
  });

  it("mark a company's certification verified, saying how it was checked", async () => {
    const page = `/en/ncc/certifications/${world.companyA.slug}`;
    const html = await (await send(reviewer, new URL(page, base))).text();
    expect(html).toContain(world.codes.certification);
    expect(html).toContain('Mark verified');

    const token = await csrfOf(reviewer, page);
    const fields = { _csrf: token, certification: world.codes.certification };
    const missing = await post(reviewer, page, { ...fields, method: '' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Say how the certification was checked');

    const done = await post(reviewer, page, { ...fields, method: 'register lookup' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${page}?verified=${world.codes.certification}`);
    const [held] = await testExecutor().read<{ verifiedBy: string; method: string }>(
      'test.verified',
      `MATCH (:Company {slug: $slug})-[h:HOLDS]->(:Certification {code: $code})
       RETURN h.verifiedBy AS verifiedBy, h.verificationMethod AS method`,
      { slug: world.companyA.slug, code: world.codes.certification },
    );
    expect(held).toEqual({ verifiedBy: 'NCC-DK', method: 'register lookup' });
    const after = await (await send(reviewer, new URL(done.headers.get('location') as string, base))).text();
    expect(after).toContain('is marked verified');
    expect(after).not.toContain('name="certification"');
  });
});
