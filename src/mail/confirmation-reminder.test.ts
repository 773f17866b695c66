import { describe, expect, it } from 'vitest';
import { renderConfirmationReminder } from './confirmation-reminder';

const content = (stage: 11 | 12) => ({
  companyName: 'Eksempel & Søn <ApS>',
  stage,
  confirmedAt: '2025-12-03T09:00:00Z',
  myPagesUrl: { da: 'https://cyberkort.example/mine-sider', en: 'https://cyberkort.example/en/my-pages' },
  publicUrl: {
    da: 'https://cyberkort.example/virksomhed/eksempel',
    en: 'https://cyberkort.example/en/company/eksempel',
  },
  unsubscribeUrl: {
    da: 'https://cyberkort.example/afmeld?token=abc',
    en: 'https://cyberkort.example/en/unsubscribe?token=abc',
  },
});

describe('the confirmation reminder mail', () => {
  it('says it in Danish first, then English, in the plain text and the HTML part alike', () => {
    const mail = renderConfirmationReminder(content(11));
    expect(mail.subject).toMatch(/^Er jeres oplysninger stadig rigtige\? \/ Is your listing still correct\?/);
    for (const part of [mail.text, mail.html]) {
      const danish = part.indexOf('sidst bekræftet 3. december 2025');
      const english = part.indexOf('last confirmed on 3 December 2025');
      expect(danish).toBeGreaterThan(-1);
      expect(english).toBeGreaterThan(danish);
      expect(part).toContain('https://cyberkort.example/mine-sider');
      expect(part).toContain('https://cyberkort.example/en/my-pages');
    }
    expect(mail.html).toContain('<div lang="da">');
    expect(mail.html).toContain('<div lang="en">');
  });

  it('says what happens at 12 months, which the 11-month one only announces', () => {
    expect(renderConfirmationReminder(content(12)).text).toMatch(/er nu markeret.*\n[\s\S]*is now marked/);
    expect(renderConfirmationReminder(content(11)).text).not.toMatch(/is now marked/);
  });

  it('says how to stop the mails in both parts and languages, with a List-Unsubscribe header', () => {
    const mail = renderConfirmationReminder(content(12));
    expect(mail.text).toContain('Afmeld her: https://cyberkort.example/afmeld?token=abc');
    expect(mail.text).toContain('Unsubscribe here: https://cyberkort.example/en/unsubscribe?token=abc');
    expect(mail.html).toContain('<a href="https://cyberkort.example/afmeld?token=abc">Afmeld</a>');
    expect(mail.html).toContain('<a href="https://cyberkort.example/en/unsubscribe?token=abc">Unsubscribe</a>');
    expect(mail.headers).toEqual({ 'List-Unsubscribe': '<https://cyberkort.example/afmeld?token=abc>' });
  });

  it('escapes the company name in the HTML part', () => {
    const mail = renderConfirmationReminder(content(11));
    expect(mail.html).toContain('Eksempel &amp; Søn &lt;ApS&gt;');
    expect(mail.html).not.toContain('<ApS>');
    expect(mail.text).toContain('Eksempel & Søn <ApS>');
  });
});
