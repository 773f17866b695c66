import { NEEDS } from '../../graph/data/needs';
import { QUERY_READING } from '../../graph/data/query-reading';
import { type CompiledLexicon, compileLexicon, type ReadingLexicon } from '../../search/understand';

/**
 * The lexicon the search page reads queries with: every need's names and keywords from the catalogue, in both
 * languages, plus the everyday phrasings, broad words and emergency need of graph/data/query-reading.json.
 */
export function readingLexicon(): ReadingLexicon {
  return {
    needs: NEEDS.map((need) => {
      const extra = QUERY_READING.phrasings[need.slug];
      return {
        slug: need.slug,
        phrases: [
          need.name.da,
          need.name.en,
          ...need.keywords.da,
          ...need.keywords.en,
          ...(extra?.da ?? []),
          ...(extra?.en ?? []),
        ],
      };
    }),
    emergencyNeed: QUERY_READING.emergencyNeed,
    broad: QUERY_READING.broad,
  };
}

let compiled: CompiledLexicon | undefined;

/** Compiled once per process: the catalogue is part of the code. */
export function queryLexicon(): CompiledLexicon {
  compiled ??= compileLexicon(readingLexicon());
  return compiled;
}
