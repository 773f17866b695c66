import type { StoredSubmission } from '../../../graph/submissions';
import { type Locale, type MessageKey, t } from '../../i18n';
import {
  companyEditPath,
  productDeletePath,
  productEditPath,
  productNewPath,
  productRetirePath,
  registerPath,
} from '../../i18n/routes';

type Change = Pick<StoredSubmission, 'id' | 'kind' | 'op' | 'targetSlug' | 'companySlug'>;

/** What a submission (or a published version) changed, in words: "Ændring af produkt backup-pakke". */
export function changeLabel(locale: Locale, change: Omit<Change, 'id' | 'companySlug'>): string {
  const key: MessageKey =
    change.kind === 'product'
      ? `portal.op.product.${change.op}`
      : change.op === 'create'
        ? 'portal.op.company.create'
        : change.op === 'delete'
          ? 'portal.op.company.delete'
          : 'portal.op.company.update';
  return t(locale, key, { slug: change.targetSlug });
}

/** The page a draft is edited on; null for a draft no portal page edits (a company's deletion). */
export function draftPath(locale: Locale, draft: Change): string | null {
  if (draft.kind === 'company') {
    if (draft.op === 'create') return registerPath(locale);
    return draft.op === 'update' ? companyEditPath(locale, draft.targetSlug) : null;
  }
  switch (draft.op) {
    case 'create':
      return productNewPath(locale, draft.companySlug, draft.id);
    case 'update':
      return productEditPath(locale, draft.targetSlug);
    case 'retire':
      return productRetirePath(locale, draft.targetSlug);
    default:
      return productDeletePath(locale, draft.targetSlug);
  }
}
