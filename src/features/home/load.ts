import type { Taxonomy } from '../../../graph/catalog';
import type { CategoryNode, NeedView } from '../../../graph/views';
import type { Services } from '../../services';
import { loadPage, type PageOutcome } from '../page/outcome';

export interface HomeData {
  needs: NeedView[];
  /** Service categories (not the JRC research domains they sit under): what an SME would browse by. */
  serviceCategories: CategoryNode[];
}

function serviceCategories(taxonomy: Taxonomy): CategoryNode[] {
  const all: CategoryNode[] = [];
  const walk = (nodes: CategoryNode[]) => {
    for (const node of nodes) {
      if (node.scheme === 'service') all.push(node);
      walk(node.children);
    }
  };
  walk(taxonomy.categories);
  return all;
}

export function loadHomePage(services: Services | undefined): Promise<PageOutcome<HomeData>> {
  return loadPage(services, 'home', async (s) => {
    const [needs, taxonomy] = await Promise.all([s.catalog.needs(), s.catalog.taxonomy()]);
    return { needs, serviceCategories: serviceCategories(taxonomy) };
  });
}
