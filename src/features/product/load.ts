import type { ProductProfile } from '../../../graph/views';
import type { Services } from '../../services';
import { readProductProfile } from '../../use-cases/read-profile';
import { catalogProfiles, loadPage, type PageOutcome } from '../page/outcome';

export function loadProductPage(
  services: Services | undefined,
  slug: string | undefined,
): Promise<PageOutcome<ProductProfile>> {
  return loadPage(services, 'product', (s) => readProductProfile(catalogProfiles(s), slug));
}
