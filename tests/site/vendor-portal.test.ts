import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { publishedCompanies, publishedProducts, readSubmission, submittedQueue } from '../../graph/submissions';
import { type CompanyFormValues, valuesOf } from '../../src/features/portal/company-form';
import { type ProductFormValues, productValuesOf } from '../../src/features/portal/product-form';
import { hiddenField, postForm } from '../support/forms';
import { closeTestExecutor, operatorWrite, testExecutor } from '../support/graph';
import { CookieJar, logInAs, send } from '../support/login';

/**
 * The vendor portal as a person uses it, without JavaScript: log in through the development
 * provider, open "Mine sider", open the company's edit form, post it (wrong, then right), and
 * see the change waiting for review. The forms post to the pages themselves. Products, the
 * competence and certification rows, retiring, deleting and withdrawing go the same way.
 */

const base = inject('baseUrl');
const origin = new URL(base).origin;

let mine: { cvr: string; slug: string };
let other: { cvr: string; slug: string };
let jar: CookieJar;
/** Products of `mine` in the sample, to edit, retire and delete (the last two only as proposals). */
let products: string[];
let codes: { need: string; category: string; roles: string[]; certification: string };

beforeAll(async () => {
  // The development provider offers a person for each of the first companies by slug.
  const [first, second] = await testExecutor().read<{ cvr: string; slug: string }>(
    'test.portalCompanies',
    'MATCH (c:Company) WHERE c.cvr IS NOT NULL RETURN c.cvr AS cvr, c.slug AS slug ORDER BY c.slug LIMIT 2',
  );
  if (!first || !second) throw new Error('fewer than two companies in the sample');
  mine = first;
  other = second;
  jar = (await logInAs(base, { as: 'vendor', person: mine.cvr })).jar;
  products = (
    await testExecutor().read<{ slug: string }>(
      'test.portalProducts',
      "MATCH (:Company {slug: $slug})-[:OFFERS]->(p:Product {status: 'active'}) RETURN p.slug AS slug ORDER BY p.slug",
      { slug: mine.slug },
    )
  ).map((row) => row.slug);
  if (products.length === 0) throw new Error(`${mine.slug} offers no active product in the sample`);
  const [found] = await testExecutor().read<typeof codes>(
    'test.portalCodes',
    `RETURN head(COLLECT { MATCH (n:Need) RETURN n.slug ORDER BY n.slug }) AS need,
            head(COLLECT { MATCH (x:Category {scheme: 'service'}) RETURN x.code ORDER BY x.code }) AS category,
            COLLECT { MATCH (x:Skill {kind: 'role'}) RETURN x.code ORDER BY x.code } AS roles,
            head(COLLECT { MATCH (x:Certification) RETURN x.code ORDER BY x.code }) AS certification`,
  );
  if (!found) throw new Error('the suite graph lacks taxonomy codes');
  codes = found;
});

afterAll(async () => {
  // The portal's proposals would otherwise sit in the review queue other tests read.
  await operatorWrite(
    'test.portalCleanup',
    "MATCH (s:Submission) WHERE s.companySlug IN [$slug, 'portaltest-sikkerhed'] DETACH DELETE s",
    { slug: mine.slug },
  );
  await closeTestExecutor();
});

const get = (path: string, as = jar) => send(as, new URL(path, base));

const post = (path: string, form: URLSearchParams, headers: Record<string, string> = { origin }, as = jar) =>
  postForm(as, new URL(path, base), form, headers);

/** The fields a browser posts for these values: lists repeated, rows as `competences.0.headcount`. */
function fieldsOf(values: CompanyFormValues | ProductFormValues, form: URLSearchParams): URLSearchParams {
  for (const [name, value] of Object.entries(values)) {
    if (!Array.isArray(value)) {
      form.append(name, String(value));
      continue;
    }
    value.forEach((item: string | Record<string, string | boolean>, row: number) => {
      if (typeof item === 'string') {
        form.append(name, item);
        return;
      }
      for (const [field, typed] of Object.entries(item)) {
        if (typed === true) form.append(`${name}.${row}.${field}`, 'on');
        else if (typed !== false) form.append(`${name}.${row}.${field}`, typed);
      }
    });
  }
  return form;
}

/** The form as the edit page rendered it: the hidden fields, and every field filled from the published profile. */
async function openForm(path: string): Promise<URLSearchParams> {
  const html = await (await get(path)).text();
  const [company] = await publishedCompanies(testExecutor(), [mine.slug]);
  if (!company) throw new Error(`${mine.slug} is not published`);
  const form = new URLSearchParams({
    _csrf: hiddenField(html, '_csrf'),
    baseVersion: hiddenField(html, 'baseVersion'),
  });
  return fieldsOf(valuesOf(company.record), form);
}

/** A product's edit form as a browser would post it, filled from the published product. */
async function openProductForm(path: string, slug: string, as = jar): Promise<URLSearchParams> {
  const html = await (await get(path, as)).text();
  const [product] = await publishedProducts(testExecutor(), [slug]);
  if (!product) throw new Error(`${slug} is not published`);
  const form = new URLSearchParams({
    _csrf: hiddenField(html, '_csrf'),
    baseVersion: hiddenField(html, 'baseVersion'),
  });
  return fieldsOf(productValuesOf(product.record), form);
}

/** The vendor's submissions of one kind of change to a target, newest first. */
const submissionsOf = (kind: string, op: string, targetSlug?: string) =>
  testExecutor().read<{ id: string; status: string; targetSlug: string }>(
    'test.portalSubmissions',
    `MATCH (s:Submission {companySlug: $company, kind: $kind, op: $op})
     WHERE $target IS NULL OR s.targetSlug = $target
     RETURN s.id AS id, s.status AS status, s.targetSlug AS targetSlug ORDER BY s.createdAt DESC`,
    { company: mine.slug, kind, op, target: targetSlug ?? null },
  );

const editPath = () => `/mine-sider/virksomhed/${mine.slug}`;

describe('the vendor portal', () => {
  it('sends an anonymous visitor to the login page and back', async () => {
    const response = await get(editPath(), new CookieJar());
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/log-ind?returnTo=${encodeURIComponent(editPath())}`);
  });

  it("shows the vendor's company on My pages with a link to edit it", async () => {
    const html = await (await get('/mine-sider')).text();
    expect(html).toContain(`href="/mine-sider/virksomhed/${mine.slug}"`);
    expect(html).toContain('Rediger profil');
    const english = await (await get('/en/my-pages')).text();
    expect(english).toContain(`href="/en/my-pages/company/${mine.slug}"`);
    expect(english).toContain('Edit profile');
  });

  it('opens the edit form, prefilled, with a CSRF token, in both languages', async () => {
    const response = await get(editPath());
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<form method="post"/);
    expect(html).toMatch(/<input type="hidden" name="_csrf" value="[^"]+"/);
    expect(html).toContain('Gem kladde');
    expect(html).toContain('Send til godkendelse');
    const english = await get(`/en/my-pages/company/${mine.slug}`);
    expect(english.status).toBe(200);
    expect(await english.text()).toContain('Submit for review');
  });

  it('refuses an invalid form with the error next to the field and what was typed kept', async () => {
    const form = await openForm(editPath());
    form.set('website', 'ikke en adresse');
    form.set('descriptionDa', 'For kort');
    form.set('action', 'save');
    const response = await post(editPath(), form);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('id="website-error"');
    expect(html).toContain('Skriv en webadresse, der begynder med https:// eller http://.');
    expect(html).toContain('id="descriptionDa-error"');
    expect(html).toContain('Teksten er for kort (mindst 20 tegn).');
    expect(html).toContain('value="ikke en adresse"');
    expect(html).toContain('aria-describedby="website-error"');
    expect(html).toContain('>For kort</textarea>');
  });

  it('refuses a post without the CSRF token', async () => {
    const form = await openForm(editPath());
    form.delete('_csrf');
    const response = await post(editPath(), form);
    expect(response.status).toBe(403);
  });

  it('says plainly when the listing changed since the form was opened', async () => {
    const form = await openForm(editPath());
    form.set('baseVersion', String(Number(form.get('baseVersion')) - 1));
    form.set('action', 'save');
    const response = await post(editPath(), form);
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('Profilen er blevet ændret, siden I åbnede siden.');
  });

  it('saves a draft, reopens the form on it, then submits it; My pages shows it submitted', async () => {
    const form = await openForm(editPath());
    const changed = `${form.get('descriptionEn')} Updated through the vendor portal.`;
    form.set('descriptionEn', changed);
    form.set('action', 'save');
    const saved = await post(editPath(), form);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/mine-sider?saved=draft');
    const reopened = await (await get(editPath())).text();
    expect(reopened).toContain('Formularen viser jeres gemte kladde.');
    expect(reopened).toContain('Updated through the vendor portal.</textarea>');

    form.set('action', 'submit');
    const response = await post(editPath(), form);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/mine-sider?saved=submitted');
    const html = await (await get('/mine-sider?saved=submitted')).text();
    expect(html).toContain('Ændringen er sendt til godkendelse hos NCC-DK.');
    expect(html).toContain(`Profil for ${mine.slug}`);
    expect(html).toContain('Sendt til godkendelse');
  });

  it('lets a vendor whose CVR is not listed register the company for review', async () => {
    const newcomer = (await logInAs(base, { as: 'vendor', person: 'not in the directory' })).jar;
    const desk = await (await get('/mine-sider', newcomer)).text();
    expect(desk).toContain('href="/mine-sider/registrer"');
    const html = await (await get('/mine-sider/registrer', newcomer)).text();
    const token = /<input type="hidden" name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const form = new URLSearchParams({
      _csrf: token,
      name: 'Portaltest Sikkerhed',
      legalForm: 'ApS',
      founded: '2019',
      employees: 'mange',
      descriptionDa: 'Vi hjælper små virksomheder med backup og phishing-træning.',
      descriptionEn: 'We help small companies with backup and phishing training.',
      website: 'https://portaltest.example',
      email: 'kontakt@portaltest.example',
      phone: '+45 12 34 56 78',
      address: 'Testvej 1',
      postcode: '8000',
      city: 'Aarhus C',
      municipalityCode: '751',
      sizeBand: 'micro',
      action: 'submit',
    });
    form.append('regionsServed', '1082');
    form.append('customerSizeBands', 'micro');
    form.append('languages', 'da');
    const wrong = await send(newcomer, new URL('/mine-sider/registrer', base), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: form.toString(),
    });
    expect(wrong.status).toBe(400);
    const page = await wrong.text();
    expect(page).toContain('Skriv antallet af ansatte som et helt tal.');
    expect(page).toContain('value="Portaltest Sikkerhed"');

    form.set('employees', '4');
    const right = await send(newcomer, new URL('/mine-sider/registrer', base), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: form.toString(),
    });
    expect(right.status).toBe(303);
    const after = await (await get('/mine-sider?saved=submitted', newcomer)).text();
    expect(after).toContain('Registrering af portaltest-sikkerhed');
    expect(after).toContain('Sendt til godkendelse');
    expect(after).not.toContain('href="/mine-sider/registrer"');
  });

  it("refuses another company's edit page", async () => {
    const response = await get(`/mine-sider/virksomhed/${other.slug}`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Du kan ikke redigere denne virksomhed');
  });
});

describe('products, rows, retiring, deleting and withdrawing in the vendor portal', () => {
  let otherJar: CookieJar;
  let createdId = '';

  beforeAll(async () => {
    otherJar = (await logInAs(base, { as: 'vendor', person: other.cvr })).jar;
  });

  it("lists the company's products with links to edit, retire and delete them, and to add one", async () => {
    const html = await (await get('/mine-sider')).text();
    const [product] = products;
    expect(html).toContain(`href="/mine-sider/nyt-produkt/${mine.slug}"`);
    expect(html).toContain(`href="/mine-sider/produkt/${product}"`);
    expect(html).toContain(`href="/mine-sider/udfas-produkt/${product}"`);
    expect(html).toContain(`href="/mine-sider/slet-produkt/${product}"`);
    expect(html).toContain('Offentliggjorte versioner');
    const english = await (await get('/en/my-pages')).text();
    expect(english).toContain(`href="/en/my-pages/new-product/${mine.slug}"`);
    expect(english).toContain('Add a product or a service');
  });

  it('adds a product and submits it: it waits in the review queue and is not public', async () => {
    const path = `/mine-sider/nyt-produkt/${mine.slug}`;
    const page = await get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<legend id="needSlugs">');
    const form = new URLSearchParams({
      _csrf: hiddenField(html, '_csrf'),
      name: 'Portaltest Backup',
      kind: 'service',
      descriptionDa: 'Daglig backup af jeres filer med en gendannelsestest hvert kvartal.',
      descriptionEn: 'Daily backup of your files with a restore test every quarter.',
      pricingModel: 'subscription',
      priceFromDkk: '1.250',
      smeFit: 'yes',
      action: 'submit',
    });
    for (const [name, value] of [
      ['delivery', 'remote'],
      ['languages', 'da'],
      ['needSlugs', codes.need],
      ['categoryCodes', codes.category],
    ] as const) {
      form.append(name, value);
    }
    const response = await post(path, form);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/mine-sider?saved=submitted');

    const [created] = await submissionsOf('product', 'create');
    if (!created) throw new Error('no product submission');
    createdId = created.id;
    expect(created.status).toBe('submitted');
    const queue = await submittedQueue(testExecutor(), 10_000, 0);
    expect(queue.page.map((s) => s.id)).toContain(created.id);
    const submitted = await readSubmission(testExecutor(), created.id);
    expect(JSON.parse(submitted?.payload ?? '{}')).toMatchObject({ name: 'Portaltest Backup', priceFromDkk: 1250 });
    expect((await get(`/produkt/${created.targetSlug}`)).status).toBe(404);
    const desk = await (await get('/mine-sider')).text();
    expect(desk).toContain(`Nyt produkt ${created.targetSlug}`);
  });

  it('refuses a product edit with bad values: errors next to the fields, in Danish and English, what was typed kept', async () => {
    const [product = ''] = products;
    for (const [path, expected] of [
      [
        `/mine-sider/produkt/${product}`,
        ['Udfyld feltet.', 'Skriv prisen i hele kroner, fx 4900.', 'Vælg mindst én.', 'Formularen har 3 fejl'],
      ],
      [
        `/en/my-pages/product/${product}`,
        [
          'Fill in this field.',
          'Enter the price in whole kroner, e.g. 4900.',
          'Choose at least one.',
          'The form has 3 errors',
        ],
      ],
    ] as const) {
      const form = await openProductForm(path, product);
      form.set('name', '');
      form.set('priceFromDkk', 'gratis');
      form.set('descriptionEn', `${form.get('descriptionEn')} Typed and kept.`);
      form.delete('needSlugs');
      form.set('action', 'save');
      const response = await post(path, form);
      expect(response.status).toBe(400);
      const html = await response.text();
      for (const text of expected) expect(html).toContain(text);
      expect(html).toContain('id="name-error"');
      expect(html).toContain('aria-describedby="priceFromDkk-hint priceFromDkk-error" aria-invalid="true"');
      expect(html).toContain('id="needSlugs-error"');
      expect(html).toContain('href="#needSlugs"');
      expect(html).toContain('value="gratis"');
      expect(html).toContain('Typed and kept.</textarea>');
    }
    expect(await submissionsOf('product', 'update', product)).toEqual([]);
  });

  it('round-trips competence and certification rows, adds a row without saving, and points errors at the row', async () => {
    const path = `/mine-sider/virksomhed/${mine.slug}`;
    const opened = await (await get(path)).text();
    const [company] = await publishedCompanies(testExecutor(), [mine.slug]);
    if (!company) throw new Error(`${mine.slug} is not published`);
    const rows = company.record.competences.length;
    expect(opened).toContain(`name="competences.${rows}.skillCode"`);
    expect(opened).not.toContain(`name="competences.${rows + 1}.skillCode"`);

    const values = valuesOf(company.record);
    const role = codes.roles.find((code) => !company.record.competences.some((c) => c.skillCode === code)) ?? '';
    values.competences[rows] = { skillCode: role, headcount: 'mange', remove: false };
    const form = fieldsOf(values, new URLSearchParams({ _csrf: hiddenField(opened, '_csrf') }));
    form.set('baseVersion', hiddenField(opened, 'baseVersion'));
    form.set('action', 'addCompetence');
    const added = await post(path, form);
    expect(added.status).toBe(200);
    const addedHtml = await added.text();
    expect(addedHtml).toContain('Der er en tom række mere. Intet er gemt endnu.');
    expect(addedHtml).toContain(`name="competences.${rows + 1}.skillCode"`);
    expect(addedHtml).toContain(
      `id="competences-${rows}-headcount" name="competences.${rows}.headcount" type="text" inputmode="numeric" class="input-short" value="mange"`,
    );
    expect(await submissionsOf('company', 'update')).toSatisfy((list: Array<{ status: string }>) =>
      list.every((s) => s.status !== 'draft'),
    );

    form.set('action', 'save');
    const refused = await post(path, form);
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain(`id="competences-${rows}-headcount-error"`);
    expect(refusedHtml).toContain('Skriv antallet som et helt tal, mindst 1.');
    expect(refusedHtml).toContain(`href="#competences-${rows}-headcount"`);

    form.set(`competences.${rows}.headcount`, '3');
    const certRow = company.record.certifications.length;
    form.set(`certifications.${certRow}.code`, codes.certification);
    form.set(`certifications.${certRow}.certificateNumber`, 'DK-PORTAL-42');
    form.set(`certifications.${certRow}.issuer`, 'Testcertificering A/S');
    form.set(`certifications.${certRow}.validUntil`, 'snart');
    form.set(`certifications.${certRow}.evidence`, 'https://portaltest.example/cert.pdf');
    // The sample company may hold the scheme already: then its own row goes, so the scheme is listed once.
    const held = company.record.certifications.findIndex((c) => c.code === codes.certification);
    if (held >= 0) form.set(`certifications.${held}.remove`, 'on');
    const badDate = await post(`/en/my-pages/company/${mine.slug}`, form);
    expect(badDate.status).toBe(400);
    const badDateHtml = await badDate.text();
    expect(badDateHtml).toContain(`id="certifications-${certRow}-validUntil-error"`);
    expect(badDateHtml).toContain('Enter a date as YYYY-MM-DD, e.g. 2027-06-30.');
    expect(badDateHtml).toContain('value="DK-PORTAL-42"');

    form.set(`certifications.${certRow}.validUntil`, '2030-06-30');
    const saved = await post(path, form);
    expect(saved.status).toBe(303);
    const [draft] = (await submissionsOf('company', 'update')).filter((s) => s.status === 'draft');
    const stored = JSON.parse((await readSubmission(testExecutor(), draft?.id ?? ''))?.payload ?? '{}');
    expect(stored.competences).toContainEqual({ skillCode: role, headcount: 3 });
    expect(stored.certifications).toContainEqual({
      code: codes.certification,
      certificateNumber: 'DK-PORTAL-42',
      issuer: 'Testcertificering A/S',
      validUntil: '2030-06-30',
      evidence: 'https://portaltest.example/cert.pdf',
    });
    const reopened = await (await get(path)).text();
    expect(reopened).toContain('Formularen viser jeres gemte kladde.');
    expect(reopened).toContain('value="DK-PORTAL-42"');
  });

  it('proposes retiring and deleting a product after a confirmation, as submissions for review', async () => {
    const retired = products[0] ?? '';
    const deleted = products[1] ?? retired;
    for (const [path, op, slug, button] of [
      [`/mine-sider/udfas-produkt/${retired}`, 'retire', retired, 'Send udfasningen til godkendelse'],
      [`/en/my-pages/delete-product/${deleted}`, 'delete', deleted, 'Submit the deletion for review'],
    ] as const) {
      const page = await get(path);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(button);
      expect(await submissionsOf('product', op, slug)).toEqual([]);
      const form = new URLSearchParams({
        _csrf: hiddenField(html, '_csrf'),
        baseVersion: hiddenField(html, 'baseVersion'),
      });
      const withoutToken = await post(path, new URLSearchParams({ baseVersion: form.get('baseVersion') ?? '' }));
      expect(withoutToken.status).toBe(403);
      const response = await post(path, form);
      expect(response.status).toBe(303);
      const [submission] = await submissionsOf('product', op, slug);
      expect(submission?.status).toBe('submitted');
    }
    const [product] = await publishedProducts(testExecutor(), [retired]);
    expect(product?.status).toBe('active');
  });

  it("refuses another company's vendor the product pages", async () => {
    const [product = ''] = products;
    const edit = await get(`/mine-sider/produkt/${product}`, otherJar);
    expect(edit.status).toBe(403);
    expect(await edit.text()).toContain('Du kan ikke ændre dette produkt');
    expect((await get(`/en/my-pages/retire-product/${product}`, otherJar)).status).toBe(403);
    expect((await get(`/mine-sider/nyt-produkt/${mine.slug}`, otherJar)).status).toBe(403);
    const theirs = await (await get('/mine-sider', otherJar)).text();
    const form = await openProductForm(`/mine-sider/produkt/${product}`, product, otherJar);
    form.set('_csrf', hiddenField(theirs, '_csrf'));
    form.set('action', 'submit');
    const posted = await post(`/mine-sider/produkt/${product}`, form, { origin }, otherJar);
    expect(posted.status).toBe(403);
    expect(await submissionsOf('product', 'update', product)).toEqual([]);
  });

  it('withdraws a submitted change from My pages, and refuses another company, a missing token and a wrong origin', async () => {
    const desk = await (await get('/mine-sider')).text();
    const path = `/mine-sider/traek-tilbage/${createdId}`;
    expect(desk).toContain(`action="${path}"`);
    const token = hiddenField(desk, '_csrf');

    const confirm = await get(path);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('Træk ændringen tilbage');
    expect((await readSubmission(testExecutor(), createdId))?.status).toBe('submitted');

    const theirToken = hiddenField(await (await get('/mine-sider', otherJar)).text(), '_csrf');
    const foreign = await post(path, new URLSearchParams({ _csrf: theirToken }), { origin }, otherJar);
    expect(foreign.status).toBe(403);
    expect((await post(path, new URLSearchParams())).status).toBe(403);
    expect(
      (await post(path, new URLSearchParams({ _csrf: token }), { origin: 'https://elsewhere.example' })).status,
    ).toBe(403);
    expect((await readSubmission(testExecutor(), createdId))?.status).toBe('submitted');

    const withdrawn = await post(path, new URLSearchParams({ _csrf: token }));
    expect(withdrawn.status).toBe(303);
    expect(withdrawn.headers.get('location')).toBe('/mine-sider?saved=withdrawn');
    expect((await readSubmission(testExecutor(), createdId))?.status).toBe('withdrawn');
    const after = await (await get('/mine-sider?saved=withdrawn')).text();
    expect(after).toContain('Ændringen er trukket tilbage.');
    expect(after).not.toContain(`action="${path}"`);

    const again = await post(path, new URLSearchParams({ _csrf: token }));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Ændringen venter ikke længere');
  });

  it('shows the history of published versions and the reviewer’s reason for a rejection', async () => {
    // Decisions are the reviewers' pages' business; here they are written as the moderation use case leaves them.
    await operatorWrite(
      'test.portalDecided',
      `CREATE (:Submission {id: randomUUID(), kind: 'product', op: 'update', status: 'approved', targetSlug: $product,
                            companySlug: $company, publishedVersion: 41, createdAt: datetime(), updatedAt: datetime(),
                            decidedAt: datetime()})
       CREATE (:Submission {id: randomUUID(), kind: 'company', op: 'update', status: 'rejected', targetSlug: $company,
                            companySlug: $company, reason: 'Beskrivelsen lover for meget.', createdAt: datetime(),
                            updatedAt: datetime(), decidedAt: datetime()})`,
      { company: mine.slug, product: products[0] ?? '' },
    );
    const html = await (await get('/mine-sider')).text();
    const history = html.slice(html.indexOf('Offentliggjorte versioner'));
    expect(history).toContain(`Ændring af produkt ${products[0]}`);
    expect(history).toContain('<td>41</td>');
    expect(html).toContain('Begrundelse: Beskrivelsen lover for meget.');
    const english = await (await get('/en/my-pages')).text();
    expect(english).toContain('Published versions');
    expect(english).toContain('Reason: Beskrivelsen lover for meget.');
  });
});
