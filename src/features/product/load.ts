import type { ProductProfile } from '../../../graph/views';
import type { Services } from '../../services';
import { isSlug, loadPage, type PageOutcome } from '../page/outcome';

export function loadProductPage(
  services: Services | undefined,
  slug: string | undefined,
): Promise<PageOutcome<ProductProfile>> {
  return loadPage(services, 'product', (s) => (isSlug(slug) ? s.catalog.productBySlug(slug) : Promise.resolve(null)));
}
