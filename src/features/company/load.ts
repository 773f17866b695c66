import type { CompanyProfile } from '../../../graph/views';
import type { Services } from '../../services';
import { readCompanyProfile } from '../../use-cases/read-profile';
import { catalogProfiles, loadPage, type PageOutcome } from '../page/outcome';

export function loadCompanyPage(
  services: Services | undefined,
  slug: string | undefined,
): Promise<PageOutcome<CompanyProfile>> {
  return loadPage(services, 'company', (s) => readCompanyProfile(catalogProfiles(s), slug));
}
