import { z } from 'zod';
import type { NeedRow } from '../model';
import { slugSchema } from '../slug';
import source from './needs.json' with { type: 'json' };

/**
 * The SME needs catalogue: what a small business asks for, in its own words, linked to the
 * taxonomies behind the scenes. Keywords carry the everyday words, symptoms and compounds an
 * SME types ("hacket", "løsesum", "døgnovervågning"), because search must reach the need even
 * when no vendor happened to use those words. The catalogue is data (needs.json), checked here
 * for its shape when it is loaded and by needs.test.ts for every code it references.
 */

const filled = z.string().regex(/\S/, 'must not be blank');
const text = z.strictObject({ da: filled, en: filled });
const codes = z.array(z.string().min(1));

const needSchema = z.strictObject({
  slug: slugSchema,
  name: text,
  summary: text,
  keywords: z.strictObject({ da: z.array(filled), en: z.array(filled) }),
  question: text,
  csfCategoryCodes: codes,
  nis2MeasureCodes: codes,
  dMaerketCriterionCodes: codes,
  skillCodes: codes,
  regulationCodes: codes,
  categoryCodes: codes,
}) satisfies z.ZodType<NeedRow>;

export const NEEDS: NeedRow[] = z.array(needSchema).parse(source);
