/**
 * One line of an RFI's history as its chain link: its row (`position`), the number the chain gave
 * it, the link it carries, its hash as stored and its hash as
 * recomputed now from its content and that link.
 */
export interface ChainLink {
  position: number;
  seq: number;
  prevHash: string;
  hash: string;
  recomputedHash: string;
}

/** What is wrong at the first broken link. */
export type ChainBreak =
  /** The line's content (or its number) is not what was hashed: edited in place. */
  | 'CONTENT_CHANGED'
  /** The line does not follow the one before it: a line before it was removed or moved. */
  | 'LINK_BROKEN'
  /** The newest line is not the head the chain recorded: lines removed from the end, or added past it. */
  | 'HEAD_MISMATCH';

export interface ChainVerdict {
  intact: boolean;
  lines: number;
  /** The first line that does not hold, in chain order; null when intact. */
  firstBroken: { position: number | null; seq: number; reason: ChainBreak } | null;
}

/**
 * Walks an RFI's history in chain order (by `seq`): each line must be numbered one after the last,
 * carry the previous line's hash (the first: the RFI's genesis hash), and hash to what it stores;
 * and the newest must be the recorded head. Any edit, removal, insertion or renumbering of rows
 * breaks one of these at the first line it touched.
 */
export function verifyChain(
  genesis: string,
  links: readonly ChainLink[],
  head: { seq: number; hash: string } | null,
): ChainVerdict {
  let previous: string = genesis;
  for (const [index, link] of links.entries()) {
    const broken = (reason: ChainBreak): ChainVerdict => ({
      intact: false,
      lines: links.length,
      firstBroken: { position: link.position, seq: index + 1, reason },
    });
    if (link.prevHash !== previous || link.seq !== index + 1) return broken('LINK_BROKEN');
    if (link.recomputedHash !== link.hash) return broken('CONTENT_CHANGED');
    previous = link.hash;
  }
  const last = links.at(-1);
  const headHolds = head
    ? last !== undefined && head.seq === last.seq && head.hash === last.hash
    : last === undefined;
  if (!headHolds)
    return {
      intact: false,
      lines: links.length,
      firstBroken: { position: null, seq: links.length + 1, reason: 'HEAD_MISMATCH' },
    };
  return { intact: true, lines: links.length, firstBroken: null };
}
