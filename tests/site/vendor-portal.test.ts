import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { publishedCompanies } from '../../graph/submissions';
import { valuesOf } from '../../src/features/portal/company-form';
import { closeTestExecutor, operatorWrite, testExecutor } from '../support/graph';
import { CookieJar, logInAs, send } from '../support/login';

/**
 * The vendor portal as a person uses it, without JavaScript: log in through the development
 * provider, open "Mine sider", open the company's edit form, post it (wrong, then right), and
 * see the change waiting for review. The forms post to the pages themselves.
 */

const base = inject('baseUrl');
const origin = new URL(base).origin;

let mine: { cvr: string; slug: string };
let other: { cvr: string; slug: string };
let jar: CookieJar;

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

const post = (path: string, form: URLSearchParams, headers: Record<string, string> = { origin }) =>
  send(jar, new URL(path, base), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: form.toString(),
  });

/** The form as the edit page rendered it: the hidden fields, and every field filled from the published profile. */
async function openForm(path: string): Promise<URLSearchParams> {
  const html = await (await get(path)).text();
  const hidden = (name: string) => new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1];
  const [company] = await publishedCompanies(testExecutor(), [mine.slug]);
  if (!company) throw new Error(`${mine.slug} is not published`);
  const form = new URLSearchParams({ _csrf: hidden('_csrf') ?? '', baseVersion: hidden('baseVersion') ?? '' });
  for (const [name, value] of Object.entries(valuesOf(company.record))) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
  }
  return form;
}

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
