import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { AppConfig } from '../config';

/**
 * Sending mail, through nodemailer. With SMTP_URL the message goes to that server; without it
 * (development and tests) nodemailer still builds the whole MIME message and it is written to
 * MAIL_OUTBOX_DIR as `<time>-<id>.eml` beside a JSON summary, which the development page
 * /dev/post lists. Either way the message is the same, so what the outbox shows is what a
 * recipient would get.
 */

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Extra headers, such as List-Unsubscribe. */
  headers?: Record<string, string>;
}

/** What the outbox keeps of a message besides its .eml. */
export interface OutboxEntry {
  id: string;
  date: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** The .eml file's name in the outbox folder. */
  file: string;
}

export interface Mailer {
  /** 'smtp' sends; 'outbox' writes to the local folder. */
  readonly kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

type MailSettings = Pick<AppConfig, 'SMTP_URL' | 'MAIL_FROM' | 'MAIL_OUTBOX_DIR'>;

export const outboxDir = (config: Pick<AppConfig, 'MAIL_OUTBOX_DIR'>) => path.resolve(config.MAIL_OUTBOX_DIR);

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The development mail page exists only where mail is not really sent, never in production, and
 * only for a browser on the server's own machine: the outbox holds addresses and working
 * unsubscribe links, and a test or staging server left without SMTP_URL may be reachable by others.
 */
export const outboxPageOpen = (config: Pick<AppConfig, 'NODE_ENV' | 'SMTP_URL'>, clientAddress: string) =>
  config.NODE_ENV !== 'production' && !config.SMTP_URL && LOOPBACK.test(clientAddress);

export function createMailer(config: MailSettings): Mailer {
  if (config.SMTP_URL) {
    const transport = nodemailer.createTransport(config.SMTP_URL);
    return {
      kind: 'smtp',
      async send(mail) {
        await transport.sendMail({ from: config.MAIL_FROM, ...mail });
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const dir = outboxDir(config);
  return {
    kind: 'outbox',
    async send(mail) {
      const info = await transport.sendMail({ from: config.MAIL_FROM, ...mail });
      const date = new Date().toISOString();
      const id = randomUUID();
      const file = `${date.replace(/[:.]/g, '-')}-${id}.eml`;
      const entry: OutboxEntry = {
        id,
        date,
        from: config.MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers ?? {},
        file,
      };
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, file), info.message as Buffer);
      await writeFile(path.join(dir, file.replace(/\.eml$/, '.json')), JSON.stringify(entry, null, 2));
    },
    close: () => transport.close(),
  };
}

/** The outbox's messages, newest first; an absent folder is an empty outbox. */
export async function readOutbox(config: Pick<AppConfig, 'MAIL_OUTBOX_DIR'>, limit = 100): Promise<OutboxEntry[]> {
  const dir = outboxDir(config);
  const names = await readdir(dir).catch(() => [] as string[]);
  const summaries = names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .reverse()
    .slice(0, limit);
  const entries = await Promise.all(
    summaries.map(async (name) => {
      try {
        return JSON.parse(await readFile(path.join(dir, name), 'utf8')) as OutboxEntry;
      } catch {
        // A summary being written right now, or not one of ours: left out rather than breaking the page.
        return null;
      }
    }),
  );
  return entries.filter((entry): entry is OutboxEntry => entry !== null);
}
