import { createHash } from 'node:crypto';
import { ChainLink, verifyChain } from './history-chain';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** A chain as the database writes it, with stand-in hashes of each line's content. */
function chain(contents: string[]): { genesis: string; links: ChainLink[] } {
  const genesis = sha('genesis');
  let prev = genesis;
  const links = contents.map((content, index) => {
    const hash = sha(prev + content);
    const link = {
      position: 100 + index,
      seq: index + 1,
      prevHash: prev,
      hash,
      recomputedHash: hash,
    };
    prev = hash;
    return link;
  });
  return { genesis, links };
}

const headOf = (links: ChainLink[]) => {
  const last = links.at(-1)!;
  return { seq: last.seq, hash: last.hash };
};

describe('verifyChain', () => {
  it('holds for a history written by the chain', () => {
    const { genesis, links } = chain(['CREATED', 'SUBMITTED', 'ROUTED']);
    expect(verifyChain(genesis, links, headOf(links))).toEqual({
      intact: true,
      lines: 3,
      firstBroken: null,
    });
  });

  it('holds for an RFI without history, and no head', () => {
    expect(verifyChain(sha('genesis'), [], null).intact).toBe(true);
  });

  it('finds a line whose content was edited', () => {
    const { genesis, links } = chain(['CREATED', 'SUBMITTED', 'ROUTED']);
    links[1] = { ...links[1]!, recomputedHash: sha('edited') };
    expect(verifyChain(genesis, links, headOf(links)).firstBroken).toEqual({
      position: 101,
      seq: 2,
      reason: 'CONTENT_CHANGED',
    });
  });

  it('finds a removed line at the line after it', () => {
    const { genesis, links } = chain(['CREATED', 'SUBMITTED', 'ROUTED']);
    const head = headOf(links);
    links.splice(1, 1);
    expect(verifyChain(genesis, links, head).firstBroken).toEqual({
      position: 102,
      seq: 2,
      reason: 'LINK_BROKEN',
    });
  });

  it('finds two lines swapped', () => {
    const { genesis, links } = chain(['CREATED', 'SUBMITTED', 'ROUTED']);
    const head = headOf(links);
    [links[1], links[2]] = [links[2]!, links[1]!];
    expect(verifyChain(genesis, links, head).firstBroken).toMatchObject({
      position: 102,
      reason: 'LINK_BROKEN',
    });
  });

  it('finds a first line that does not start from the RFI', () => {
    const { links } = chain(['CREATED']);
    expect(verifyChain(sha('another rfi'), links, headOf(links)).firstBroken).toMatchObject({
      seq: 1,
      reason: 'LINK_BROKEN',
    });
  });

  it('finds the newest lines removed, by the head', () => {
    const { genesis, links } = chain(['CREATED', 'SUBMITTED', 'ROUTED']);
    const head = headOf(links);
    expect(verifyChain(genesis, links.slice(0, 2), head).firstBroken).toEqual({
      position: null,
      seq: 3,
      reason: 'HEAD_MISMATCH',
    });
    expect(verifyChain(genesis, [], head).intact).toBe(false);
  });

  it('finds a line added past the recorded head', () => {
    const { genesis, links } = chain(['CREATED', 'SUBMITTED', 'ROUTED']);
    expect(verifyChain(genesis, links, headOf(links.slice(0, 2))).firstBroken).toMatchObject({
      reason: 'HEAD_MISMATCH',
    });
  });
});
