import { describe, expect, it } from 'vitest';
import type { ProvenanceView } from '../../../graph/views';
import { provenanceText } from './provenance';

const of = (source: ProvenanceView['source'], dates: Partial<ProvenanceView> = {}): ProvenanceView => ({
  source,
  submittedBy: null,
  submittedAt: null,
  approvedBy: null,
  approvedAt: null,
  ...dates,
});

describe('provenance in plain words', () => {
  it('says who provided a vendor fact and that NCC-DK approved it, with the dates, in both languages', () => {
    const vendor = of('vendor', {
      submittedBy: 'u1',
      submittedAt: '2026-12-03T09:00:00Z',
      approvedBy: 'u2',
      approvedAt: '2026-12-04T10:00:00Z',
    });
    expect(provenanceText(vendor, 'da')).toBe(
      'Oplyst af virksomheden 3. december 2026, godkendt af NCC-DK 4. december 2026',
    );
    expect(provenanceText(vendor, 'en')).toBe(
      'Provided by the company on 3 December 2026, approved by NCC-DK on 4 December 2026',
    );
  });

  it('names no person: the reviewer is NCC-DK', () => {
    const text = provenanceText(of('vendor', { submittedBy: 'user-1', approvedBy: 'user-2' }), 'da');
    expect(text).toBe('Oplyst af virksomheden, godkendt af NCC-DK');
    expect(text).not.toContain('user');
  });

  it('dates an import by the listing when the fact has no date of its own', () => {
    expect(provenanceText(of('import'), 'da', '2026-11-01T00:00:00Z')).toBe('Importeret af NCC-DK 1. november 2026');
    expect(provenanceText(of('import'), 'en')).toBe('Imported by NCC-DK');
    expect(provenanceText(of('staff', { approvedAt: '2026-10-05T00:00:00Z' }), 'en')).toBe(
      'Entered by NCC-DK on 5 October 2026',
    );
  });

  it('keeps the sample recognisable as sample data, and says when the source is unknown', () => {
    expect(provenanceText(of('sample'), 'da')).toMatch(/^Eksempeldata: fiktive/);
    expect(provenanceText(of('sample'), 'en')).toMatch(/^Sample data: fictional/);
    expect(provenanceText(of(null), 'en')).toBe('The source is not recorded');
    expect(provenanceText(null, 'da')).toBe('Kilden er ikke registreret');
  });
});
