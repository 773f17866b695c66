import { describe, expect, it } from 'vitest';
import { NEEDS } from '../data/needs';
import { type NeedPhrases, needsOfWords, phrasesOf, wordsOf } from './need-words';

const tiny: NeedPhrases[] = [
  phrasesOf({
    slug: 'backup',
    name: { da: 'Backup og gendannelse', en: 'Backup and restore' },
    keywords: { da: ['sikkerhedskopi', 'slettede filer'], en: ['lost files'] },
  }),
  phrasesOf({
    slug: 'mfa',
    name: { da: 'Tofaktor-login', en: 'Multi-factor login' },
    keywords: { da: ['mfa'], en: ['2fa'] },
  }),
];

describe('search words to needs', () => {
  it('splits text into lower-case words of letters and digits', () => {
    expect(wordsOf('IT-sikkerhed, Backup!  2FA')).toEqual(['it', 'sikkerhed', 'backup', '2fa']);
    expect(wordsOf('  ')).toEqual([]);
  });

  it('drops filler words from phrases and keeps each phrase once', () => {
    expect(tiny[0]?.phrases).toEqual([
      ['backup', 'gendannelse'],
      ['backup', 'restore'],
      ['sikkerhedskopi'],
      ['slettede', 'filer'],
      ['lost', 'files'],
    ]);
  });

  it('needs every word of a phrase, in any order', () => {
    expect(needsOfWords('gendannelse backup', tiny)).toEqual(['backup']);
    expect(needsOfWords('filer', tiny)).toEqual([]);
    expect(needsOfWords('filer der er slettede', tiny)).toEqual(['backup']);
  });

  it('lets inflections of words of 5 or more letters agree, and short words only when equal', () => {
    expect(needsOfWords('sikkerhedskopier', tiny)).toEqual(['backup']);
    expect(needsOfWords('sikkerhedskopieringen', tiny)).toEqual([]); // 7 letters longer
    expect(needsOfWords('mfa', tiny)).toEqual(['mfa']);
    expect(needsOfWords('mfas', tiny)).toEqual([]);
  });

  it('returns several needs in catalogue order, each once, and none for empty words', () => {
    expect(needsOfWords('2FA og sikkerhedskopi, sikkerhedskopi', tiny)).toEqual(['backup', 'mfa']);
    expect(needsOfWords('', tiny)).toEqual([]);
    expect(needsOfWords('revisor i Odense', tiny)).toEqual([]);
  });

  it('uses the whole catalogue by default, in both languages', () => {
    expect(needsOfWords('backup')).toContain('backup-og-gendannelse');
    expect(needsOfWords('Multi-factor login')).toContain('tofaktor-login');
    expect(needsOfWords('pentest af vores webshop')).toContain('penetrationstest');
    for (const need of needsOfWords('phishing ransomware')) expect(NEEDS.map((n) => n.slug)).toContain(need);
  });
});
