import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to';

describe('the page to return to after login', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeReturnTo('/soeg?q=backup&region=1084')).toBe('/soeg?q=backup&region=1084');
    expect(safeReturnTo('/en/company/nordlys-it')).toBe('/en/company/nordlys-it');
    expect(safeReturnTo('/virksomhed/%C3%A6bler')).toBe('/virksomhed/%C3%A6bler');
  });

  it('refuses anything a browser would take to another origin', () => {
    for (const evil of [
      'https://evil.example',
      '//evil.example',
      '///evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/.//evil.example',
      'javascript:alert(1)',
      'evil.example',
      '',
    ]) {
      expect(safeReturnTo(evil), evil).toBe('/');
    }
  });

  it('refuses values that are not one short path, and the login routes themselves', () => {
    expect(safeReturnTo(undefined, '/en/')).toBe('/en/');
    expect(safeReturnTo(['/soeg'])).toBe('/');
    expect(safeReturnTo(`/${'a'.repeat(3000)}`)).toBe('/');
    expect(safeReturnTo('/auth/login?as=vendor')).toBe('/');
  });
});
