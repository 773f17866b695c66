import { describe, expect, it } from 'vitest';
import {
  aboutPath,
  companyPath,
  homePath,
  identifyRoute,
  localeOfPath,
  localizedPath,
  needProvidersPath,
  needsPath,
  productPath,
  queryString,
  searchPath,
} from './routes';

const url = (href: string) => new URL(href, 'http://cyberkort.test');

describe('link helpers', () => {
  it('build Danish paths at the root and English paths under /en', () => {
    expect(homePath('da')).toBe('/');
    expect(homePath('en')).toBe('/en/');
    expect(searchPath('da')).toBe('/soeg');
    expect(searchPath('en')).toBe('/en/search');
    expect(aboutPath('da')).toBe('/om');
    expect(aboutPath('en')).toBe('/en/about');
    expect(companyPath('da', 'acme-aps')).toBe('/virksomhed/acme-aps');
    expect(companyPath('en', 'acme-aps')).toBe('/en/company/acme-aps');
    expect(productPath('da', 'backup')).toBe('/produkt/backup');
    expect(productPath('en', 'backup')).toBe('/en/product/backup');
    expect(needsPath('da')).toBe('/#behov');
  });

  it('encode slugs and repeat list parameters', () => {
    expect(companyPath('da', 'a/b c')).toBe('/virksomhed/a%2Fb%20c');
    expect(searchPath('da', { q: 'backup og mail', need: ['a', 'b'], smeFit: false, page: undefined, sort: '' })).toBe(
      '/soeg?q=backup+og+mail&need=a&need=b',
    );
    expect(queryString({})).toBe('');
  });

  it('open a need’s providers as the search for companies with that need', () => {
    expect(needProvidersPath('da', ['backup-og-gendannelse'])).toBe('/soeg?need=backup-og-gendannelse&kind=company');
    expect(needProvidersPath('en', ['a', 'b'])).toBe('/en/search?need=a&need=b&kind=company');
  });
});

describe('identifyRoute', () => {
  it('recognises every page type in both languages, with or without a trailing slash', () => {
    expect(identifyRoute('/')).toEqual({ locale: 'da', page: 'home' });
    expect(identifyRoute('/en')).toEqual({ locale: 'en', page: 'home' });
    expect(identifyRoute('/en/')).toEqual({ locale: 'en', page: 'home' });
    expect(identifyRoute('/soeg/')).toEqual({ locale: 'da', page: 'search' });
    expect(identifyRoute('/en/about')).toEqual({ locale: 'en', page: 'about' });
    expect(identifyRoute('/virksomhed/acme')).toEqual({ locale: 'da', profile: 'company', slug: 'acme' });
    expect(identifyRoute('/en/product/x%20y')).toEqual({ locale: 'en', profile: 'product', slug: 'x y' });
  });

  it('returns null for other paths', () => {
    expect(identifyRoute('/virksomhed/')).toBeNull();
    expect(identifyRoute('/virksomhed/a/b')).toBeNull();
    expect(identifyRoute('/en/soeg')).toBeNull();
    expect(identifyRoute('/favicon.svg')).toBeNull();
  });
});

describe('localizedPath (the language switcher)', () => {
  it('maps each page to its twin and keeps the query', () => {
    expect(localizedPath(url('/soeg?q=backup&need=a&need=b'), 'en')).toBe('/en/search?q=backup&need=a&need=b');
    expect(localizedPath(url('/en/search?page=2'), 'da')).toBe('/soeg?page=2');
    expect(localizedPath(url('/virksomhed/acme-aps'), 'en')).toBe('/en/company/acme-aps');
    expect(localizedPath(url('/en/product/backup-pro'), 'da')).toBe('/produkt/backup-pro');
    expect(localizedPath(url('/om'), 'en')).toBe('/en/about');
    expect(localizedPath(url('/'), 'en')).toBe('/en/');
    expect(localizedPath(url('/en/'), 'da')).toBe('/');
  });

  it('is its own inverse', () => {
    for (const path of ['/', '/soeg?q=x', '/om', '/virksomhed/a', '/produkt/b?x=1']) {
      expect(localizedPath(url(localizedPath(url(path), 'en')), 'da')).toBe(path);
    }
  });

  it('sends unknown paths to the home page of the other language', () => {
    expect(localizedPath(url('/does-not-exist?x=1'), 'en')).toBe('/en/');
  });
});

describe('localeOfPath', () => {
  it('judges by the /en prefix only', () => {
    expect(localeOfPath('/en')).toBe('en');
    expect(localeOfPath('/en/whatever')).toBe('en');
    expect(localeOfPath('/english')).toBe('da');
    expect(localeOfPath('/nope')).toBe('da');
  });
});
