import { z } from 'zod';
import { slugSchema } from '../slug';
import source from './query-reading.json' with { type: 'json' };

/**
 * How the search page reads an SME's words (the algorithm is search/understand.ts): everyday phrasings per need
 * beyond the catalogue's keywords, words too broad to name one need with the choice to offer instead, and the need
 * an attack in progress leads to. Data, checked for its shape here and against the catalogue by its test.
 */
const filled = z.string().regex(/\S/, 'must not be blank');

const queryReadingSchema = z.strictObject({
  about: z.string(),
  emergencyNeed: slugSchema,
  phrasings: z.record(slugSchema, z.strictObject({ da: z.array(filled), en: z.array(filled) })),
  broad: z.array(z.strictObject({ terms: z.array(filled).min(1), choices: z.array(slugSchema).min(2).max(6) })),
});

export type QueryReadingData = z.infer<typeof queryReadingSchema>;

export const QUERY_READING: QueryReadingData = queryReadingSchema.parse(source);
