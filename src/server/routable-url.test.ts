import { describe, expect, it } from 'vitest';
import { routableUrl } from './routable-url';

describe('routableUrl', () => {
  it('leaves every path that percent-decodes as it came, query included', () => {
    for (const url of ['/', '/virksomhed/acme', '/virksomhed/%C3%A6bler', '/%25', '/soeg?q=%ff', '/om?%E0%A4%A=1']) {
      expect(routableUrl(url)).toBe(url);
    }
  });

  it('escapes the percent signs of a path that does not decode, so it is just an unknown path', () => {
    expect(routableUrl('/%ff')).toBe('/%25ff');
    expect(routableUrl('/virksomhed/%ff')).toBe('/virksomhed/%25ff');
    expect(routableUrl('/produkt/%E0%A4%A')).toBe('/produkt/%25E0%25A4%25A');
    expect(routableUrl('/en/company/%C3%A6%ff?q=%ff#top')).toBe('/en/company/%25C3%25A6%25ff?q=%ff#top');
    expect(() => decodeURI(routableUrl('/produkt/%E0%A4%A'))).not.toThrow();
  });
});
