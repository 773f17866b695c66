import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cvrFromSeed } from '../../graph/cvr';
import { csrfOf as csrfOn } from '../support/forms';
import { closeTestExecutor, testExecutor } from '../support/graph';
import { companyCells, csvLines } from '../support/import-files';
import { createTestWorld, type TestWorld } from '../support/listings';
import { type CookieJar, logInAs, send } from '../support/login';

/**
 * The staff import page over the built site: only reviewers and admins get in, a post needs the
 * CSRF token and a file, a dry run shows the row-by-row report in the page's language and writes
 * nothing, the import writes the good rows, and a body over the route's limit is refused with 413.
 */

const base = inject('baseUrl');
const origin = new URL(base).origin;
let world: TestWorld;
let reviewer: CookieJar;
let goodCvr: string;

beforeAll(async () => {
  world = await createTestWorld(testExecutor(), 'importpage');
  goodCvr = cvrFromSeed(8_099_200 + Math.floor(Math.random() * 700));
  reviewer = (await logInAs(base, { as: 'staff', person: 'Karen Lund' })).jar;
});

afterAll(async () => {
  await world?.cleanup();
  await closeTestExecutor();
});

const csrfOf = (jar: CookieJar, path: string) => csrfOn(jar, new URL(path, base));

function csvFile(): string {
  const company = companyCells(world, {
    cvr: goodCvr,
    name: `Importfirma ${world.prefix}`,
    website: 'https://importfirma.example',
    email: 'kontakt@importfirma.example',
    customerSizeBands: 'micro',
  });
  return csvLines([company, { ...company, cvr: '12345678', name: `Forkert ${world.prefix}` }]).join('');
}

function upload(jar: CookieJar, path: string, fields: Record<string, string>, file?: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file !== undefined) form.append('file', new Blob([file], { type: 'text/csv' }), 'virksomheder.csv');
  return send(jar, new URL(path, base), { method: 'POST', headers: { origin }, body: form });
}

const companyWithCvr = async (cvr: string) =>
  (
    await testExecutor().read<{ source: string }>(
      'test.importPage.company',
      'MATCH (c:Company {cvr: $cvr}) RETURN c.source AS source',
      { cvr },
    )
  )[0] ?? null;

/** A post that declares a body of `length` bytes and sends none of it: the answer must come from the length alone. */
function declaredPost(path: string, length: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(length), origin },
    });
    req.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.write('--x\r\n');
  });
}

describe('the import page', () => {
  it('sends anonymous visitors to log in and back, answers a vendor with 403, and is linked from My pages', async () => {
    const anonymous = await fetch(new URL('/ncc/import', base), { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/log-ind?returnTo=${encodeURIComponent('/ncc/import')}`);

    const vendor = await logInAs(base, { as: 'vendor', person: 'not in the directory' });
    for (const path of ['/ncc/import', '/en/ncc/import']) {
      expect((await send(vendor.jar, new URL(path, base))).status, path).toBe(403);
    }
    const posted = await upload(vendor.jar, '/ncc/import', { _csrf: 'any', mode: 'import' }, csvFile());
    expect(posted.status).toBe(403);
    expect(await companyWithCvr(goodCvr)).toBeNull();

    const myPages = await (await send(reviewer, new URL('/mine-sider', base))).text();
    expect(myPages).toContain('href="/ncc/import"');
  });

  it('shows the upload form in both languages', async () => {
    const da = await send(reviewer, new URL('/ncc/import', base));
    expect(da.status).toBe(200);
    const html = await da.text();
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('<label for="file">Fil (CSV eller JSON)</label>');
    expect(html).toContain('Prøv (ændrer intet)');
    const en = await (await send(reviewer, new URL('/en/ncc/import', base))).text();
    expect(en).toContain('Import companies and services');
    expect(en).toContain('Try it (changes nothing)');
  });

  it('refuses a post without the CSRF token, and one without a file beside the field', async () => {
    const forged = await upload(reviewer, '/ncc/import', { mode: 'import' }, csvFile());
    expect(forged.status).toBe(403);
    expect(await companyWithCvr(goodCvr)).toBeNull();

    const token = await csrfOf(reviewer, '/ncc/import');
    const missing = await upload(reviewer, '/ncc/import', { _csrf: token, mode: 'dry-run' });
    expect(missing.status).toBe(400);
    const html = await missing.text();
    expect(html).toContain('href="#file"');
    expect(html).toContain('Vælg en fil at importere.');
    expect(html).toContain('aria-invalid="true"');

    const unreadable = await upload(reviewer, '/en/ncc/import', { _csrf: token, mode: 'dry-run' }, 'type,cvr,adress\n');
    expect(unreadable.status).toBe(400);
    expect(await unreadable.text()).toContain('The file has a column the format does not know.');
  });

  it('shows a dry run row by row in the page language and writes nothing; the import writes the good row', async () => {
    const token = await csrfOf(reviewer, '/ncc/import');
    const dry = await upload(reviewer, '/ncc/import', { _csrf: token, mode: 'dry-run' }, csvFile());
    expect(dry.status).toBe(200);
    const html = await dry.text();
    expect(html).toContain('Prøvekørsel: det vil importen gøre');
    expect(html).toContain('2 rækker: 1 nye, 0 ændrede, 0 uændrede, 1 afviste.');
    expect(html).toContain('Oprettes');
    expect(html).toContain('Afvist');
    expect(html).toContain('CVR-nummeret er ikke gyldigt');
    expect(await companyWithCvr(goodCvr)).toBeNull();

    const en = await (await upload(reviewer, '/en/ncc/import', { _csrf: token }, csvFile())).text();
    expect(en).toContain('Dry run: what the import would do');
    expect(en).toContain('The CVR number is not valid');
    expect(await companyWithCvr(goodCvr)).toBeNull();

    const real = await upload(reviewer, '/ncc/import', { _csrf: token, mode: 'import' }, csvFile());
    expect(real.status).toBe(200);
    expect(await real.text()).toContain('Importen er gennemført');
    expect(await companyWithCvr(goodCvr)).toEqual({ source: 'import' });

    const again = await (await upload(reviewer, '/ncc/import', { _csrf: token, mode: 'import' }, csvFile())).text();
    expect(again).toContain('2 rækker: 0 nye, 0 ændrede, 1 uændrede, 1 afviste.');
  });

  it('refuses a body over the route limit with 413: 20 MiB for the import page, 1 MiB for other pages', async () => {
    const tooLarge = await declaredPost('/ncc/import', 20 * 1024 * 1024 + 1);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toContain('PAYLOAD_TOO_LARGE');
    const otherPage = await declaredPost('/ncc/gennemgang/00000000-0000-0000-0000-000000000000', 2 * 1024 * 1024);
    expect(otherPage.status).toBe(413);
  });
});
