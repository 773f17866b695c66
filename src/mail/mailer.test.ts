import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer, outboxPageOpen, readOutbox } from './mailer';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the local outbox', () => {
  it('writes each mail as a MIME .eml with both parts and a summary the development page reads', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cyberkort-outbox-'));
    const config = { SMTP_URL: undefined, MAIL_FROM: 'Cyberkort <ikke-svar@cyberkort.example>', MAIL_OUTBOX_DIR: dir };
    const mailer = createMailer(config);
    expect(mailer.kind).toBe('outbox');
    await mailer.send({
      to: ['person@firma.example'],
      subject: 'Første / First',
      text: 'Hej\n\nHello',
      html: '<p>Hej</p><p>Hello</p>',
      headers: { 'List-Unsubscribe': '<https://cyberkort.example/afmeld?token=x>' },
    });
    await mailer.send({ to: ['b@firma.example'], subject: 'Anden / Second', text: 'to', html: '<p>to</p>' });
    mailer.close();

    const files = (await readdir(dir)).sort();
    expect(files.filter((name) => name.endsWith('.eml'))).toHaveLength(2);
    const eml = await readFile(path.join(dir, files.find((name) => name.endsWith('.eml')) ?? ''), 'utf8');
    expect(eml).toMatch(/^To: person@firma\.example$/m);
    expect(eml).toMatch(/^List-Unsubscribe: <https:\/\/cyberkort\.example\/afmeld\?token=x>$/m);
    expect(eml).toMatch(/Content-Type: multipart\/alternative/);
    expect(eml).toMatch(/Content-Type: text\/plain/);
    expect(eml).toMatch(/Content-Type: text\/html/);

    const outbox = await readOutbox(config);
    expect(outbox.map((mail) => mail.subject)).toEqual(['Anden / Second', 'Første / First']);
    expect(outbox[1]).toMatchObject({
      to: ['person@firma.example'],
      text: 'Hej\n\nHello',
      html: '<p>Hej</p><p>Hello</p>',
    });
  });

  it('reads a folder that does not exist yet as empty', async () => {
    expect(await readOutbox({ MAIL_OUTBOX_DIR: path.join(tmpdir(), 'cyberkort-no-such-outbox') })).toEqual([]);
  });

  it('is listed by the development page only outside production and without SMTP_URL', () => {
    expect(outboxPageOpen({ NODE_ENV: 'development', SMTP_URL: undefined }, '127.0.0.1')).toBe(true);
    expect(outboxPageOpen({ NODE_ENV: 'test', SMTP_URL: undefined }, '::1')).toBe(true);
    expect(outboxPageOpen({ NODE_ENV: 'test', SMTP_URL: undefined }, '::ffff:127.0.0.1')).toBe(true);
    expect(outboxPageOpen({ NODE_ENV: 'development', SMTP_URL: undefined }, '192.0.2.7')).toBe(false);
    expect(outboxPageOpen({ NODE_ENV: 'production', SMTP_URL: undefined }, '127.0.0.1')).toBe(false);
    expect(outboxPageOpen({ NODE_ENV: 'development', SMTP_URL: 'smtp://mail.example:25' }, '127.0.0.1')).toBe(false);
  });
});
