import { Actor } from '@bp/contracts';

/** SQL conditions and their parameters, collected side by side so they cannot drift apart. */
export function conditions(first: string) {
  const where = [first];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  return { where, params, add };
}

/**
 * "Posted by, or matched with, this party", as far as the caller may see the match
 * (domain/need-to-know.ts seesPartner): the partner of an exchange is known to those taking part
 * and, once it is complete, to everyone. Filtering on the partner must not tell anyone else who
 * was matched. test/need-to-know-agreement.int-spec.ts compares the two over generated exchanges.
 */
export function partyCondition(caller: Actor, party: string): [string, ...unknown[]] {
  if (caller.role === 'secretariat')
    return ['(owner_party = ? or partner_party = ?)', party, party];
  const mine = caller.role === 'focal_point' ? caller.party : null;
  if (!mine)
    return [`(owner_party = ? or (partner_party = ? and status = 'COMPLETED'))`, party, party];
  return [
    `(owner_party = ? or (partner_party = ? and (status = 'COMPLETED' or owner_party = ? or partner_party = ?)))`,
    party,
    party,
    mine,
    mine,
  ];
}
