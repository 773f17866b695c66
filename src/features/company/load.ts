import type { CompanyProfile } from '../../../graph/views';
import type { Services } from '../../services';
import { isSlug, loadPage, type PageOutcome } from '../page/outcome';

export function loadCompanyPage(
  services: Services | undefined,
  slug: string | undefined,
): Promise<PageOutcome<CompanyProfile>> {
  return loadPage(services, 'company', (s) => (isSlug(slug) ? s.catalog.companyBySlug(slug) : Promise.resolve(null)));
}
