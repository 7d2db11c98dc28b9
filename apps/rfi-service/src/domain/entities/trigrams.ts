/**
 * Trigram similarity as PostgreSQL's pg_trgm computes it, so that the rule the service decides
 * with is the same the database prefilters with: each word (a run of letters and digits) is
 * padded with two blanks before and one after, cut into every three-character window, and two
 * texts are as similar as the share of trigrams they have in common (shared / all distinct).
 */
export function trigramsOf(text: string): Set<string> {
  const trigrams = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i += 1) trigrams.add(padded.slice(i, i + 3));
  }
  return trigrams;
}

export function trigramSimilarity(a: string, b: string): number {
  return setSimilarity(trigramsOf(a), trigramsOf(b));
}

/** The similarity of two texts' trigram sets (trigramsOf), for sets made once and compared often. */
export function setSimilarity(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const trigram of left) if (right.has(trigram)) shared += 1;
  return shared / (left.size + right.size - shared);
}
