import type { ProvenanceView } from '../../../graph/views';
import { formatDate, type Locale, t } from '../../i18n';

/**
 * Where a published fact came from, in plain words for the public pages: "Oplyst af virksomheden
 * 3. december 2026, godkendt af NCC-DK 4. december 2026", "Importeret af NCC-DK …", or that it is
 * the fictional sample. People's identities are never shown: NCC-DK approved it, not a named
 * reviewer. `fallbackDate` dates an import or entry whose fact carries no date of its own (a
 * listing's last change).
 */
export function provenanceText(
  provenance: ProvenanceView | null | undefined,
  locale: Locale,
  fallbackDate: string | null = null,
): string {
  const date = (iso: string | null | undefined) => formatDate(locale, iso);
  switch (provenance?.source) {
    case 'vendor': {
      const approved = date(provenance.approvedAt);
      const submitted = date(provenance.submittedAt) ?? approved;
      return submitted && approved
        ? t(locale, 'provenance.vendor', { submitted, approved })
        : t(locale, 'provenance.vendorNoDate');
    }
    case 'staff': {
      const when = date(provenance.approvedAt ?? provenance.submittedAt ?? fallbackDate);
      return when ? t(locale, 'provenance.staff', { date: when }) : t(locale, 'provenance.staffNoDate');
    }
    case 'import': {
      const when = date(provenance.approvedAt ?? fallbackDate);
      return when ? t(locale, 'provenance.import', { date: when }) : t(locale, 'provenance.importNoDate');
    }
    case 'sample':
      return t(locale, 'provenance.sample');
    default:
      return t(locale, 'provenance.unknown');
  }
}
