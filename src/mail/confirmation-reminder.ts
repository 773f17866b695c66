import { escapeHtml } from '../auth/escape-html';
import { formatDate } from '../i18n';
import type { OutgoingMail } from './mailer';

/**
 * The yearly reminder: "is your listing still correct?", at 11 months (before anything shows) and
 * at 12 (now marked publicly). Danish first, then English, in one mail, since the recipient's
 * language is not known; plain text and HTML with the same words. Every mail says how to stop
 * them: a link to the unsubscribe page and the List-Unsubscribe header mail programs show.
 */

export interface ReminderContent {
  companyName: string;
  stage: 11 | 12;
  /** ISO time of the last confirmation. */
  confirmedAt: string;
  /** Where to confirm: "Mine sider" in each language (absolute). */
  myPagesUrl: { da: string; en: string };
  /** The public page in each language (absolute). */
  publicUrl: { da: string; en: string };
  /** The unsubscribe page in each language (absolute, with the recipient's token). */
  unsubscribeUrl: { da: string; en: string };
}

function paragraphs(content: ReminderContent) {
  const da = formatDate('da', content.confirmedAt) ?? '–';
  const en = formatDate('en', content.confirmedAt) ?? '–';
  const name = content.companyName;
  return {
    da: [
      `Hej ${name}`,
      content.stage === 11
        ? `Jeres oplysninger på Cyberkort blev sidst bekræftet ${da}. Om en måned er det et år siden, og så bliver profilen markeret som "ikke bekræftet i over et år".`
        : `Jeres oplysninger på Cyberkort blev sidst bekræftet ${da}, for over et år siden. Profilen er nu markeret som "ikke bekræftet i over et år", og efter 15 måneder bliver den ikke længere foreslået i "Find hjælp".`,
      `Er oplysningerne stadig rigtige? Log ind på Mine sider og tryk "Oplysningerne er stadig rigtige" – det tager et klik. Er noget ændret, så ret profilen samme sted.`,
    ],
    en: [
      `Hello ${name}`,
      content.stage === 11
        ? `Your listing on Cyberkort was last confirmed on ${en}. In a month that is a year ago, and the listing will then be marked "not confirmed for over a year".`
        : `Your listing on Cyberkort was last confirmed on ${en}, over a year ago. It is now marked "not confirmed for over a year", and after 15 months it will no longer be suggested in "Find help".`,
      `Is it still correct? Log in to My pages and press "The listing is still correct" – one click. If something has changed, edit the profile there.`,
    ],
  };
}

export function renderConfirmationReminder(content: ReminderContent): Omit<OutgoingMail, 'to'> {
  const words = paragraphs(content);
  const subject =
    content.stage === 11
      ? `Er jeres oplysninger stadig rigtige? / Is your listing still correct? – ${content.companyName}`
      : `Jeres profil er ikke bekræftet i over et år / Your listing has not been confirmed for over a year – ${content.companyName}`;
  const text = [
    ...words.da,
    `Mine sider: ${content.myPagesUrl.da}`,
    `Jeres profil: ${content.publicUrl.da}`,
    `Vil du ikke have flere mails fra Cyberkort? Afmeld her: ${content.unsubscribeUrl.da}`,
    '— English —',
    ...words.en,
    `My pages: ${content.myPagesUrl.en}`,
    `Your listing: ${content.publicUrl.en}`,
    `Don't want these e-mails? Unsubscribe here: ${content.unsubscribeUrl.en}`,
    'Cyberkort · NCC-DK',
  ].join('\n\n');
  const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  const section = (lang: 'da' | 'en') => {
    const da = lang === 'da';
    return [
      `<div lang="${lang}">`,
      ...words[lang].map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
      `<p>${link(content.myPagesUrl[lang], da ? 'Gå til Mine sider' : 'Go to My pages')} · ${link(content.publicUrl[lang], da ? 'Se jeres profil' : 'See your listing')}</p>`,
      `<p style="font-size:small">${escapeHtml(da ? 'Vil du ikke have flere mails fra Cyberkort?' : "Don't want these e-mails?")} ${link(content.unsubscribeUrl[lang], da ? 'Afmeld' : 'Unsubscribe')}</p>`,
      '</div>',
    ].join('\n');
  };
  const html = [
    '<!doctype html>',
    '<html lang="da"><head><meta charset="utf-8"><title>',
    escapeHtml(subject),
    '</title></head><body>',
    section('da'),
    '<hr>',
    section('en'),
    '<p style="font-size:small">Cyberkort · NCC-DK</p>',
    '</body></html>',
  ].join('\n');
  return {
    subject,
    text,
    html,
    headers: { 'List-Unsubscribe': `<${content.unsubscribeUrl.da}>` },
  };
}
