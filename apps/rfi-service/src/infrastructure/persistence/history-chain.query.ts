import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ChainLink, ChainVerdict, verifyChain } from '../../domain/history-chain';

/**
 * Reads an RFI's history as its chain (history-chain.migration.ts) and recomputes each line's hash
 * with the function the database chained it with, so writing and checking cannot drift apart. A
 * line's note kept beside it (history-notes.ts) must be there, for its request, and hash to the
 * digest the line holds, until the request is deleted at the end of its retention: then the note
 * is gone and the digest stays, which the chain still proves.
 */
@Injectable()
export class HistoryChainQuery {
  /**
   * One statement, so the lines and the head come from one snapshot (an append in between would
   * look like a cut-off chain). Lines are walked in chain order (seq): ids are drawn before the
   * trigger takes its lock, so two appenders can hold ids in the other order.
   */
  async verify(em: EntityManager, rfiId: string): Promise<ChainVerdict> {
    const rows = await em.execute<
      {
        id: string | null;
        seq: number | null;
        prev_hash: string | null;
        hash: string | null;
        recomputed: string | null;
        genesis: string;
        head_seq: number | null;
        head_hash: string | null;
      }[]
    >(
      `select h.id, h.seq, encode(h.prev_hash, 'hex') as prev_hash, encode(h.hash, 'hex') as hash,
              case when h.details ->> 'noteDigest' is not null and not exists (
                     select 1 from rfi_history_note n
                     where n.digest = h.details ->> 'noteDigest' and n.rfi_id = h.rfi_id
                       and encode(sha256(n.salt || convert_to(n.note, 'UTF8')), 'hex') = n.digest)
                     and (select r.deleted_at from information_request r where r.id = h.rfi_id) is null
                   then 'note changed or missing'
                   else encode(rfi_history_hash(h.prev_hash, h), 'hex') end as recomputed,
              encode(rfi_history_genesis(?::uuid), 'hex') as genesis,
              head.seq as head_seq, encode(head.hash, 'hex') as head_hash
       from (select ?::uuid as rfi_id) rfi
       left join rfi_history h on h.rfi_id = rfi.rfi_id
       left join rfi_history_head head on head.rfi_id = rfi.rfi_id
       order by h.seq, h.id`,
      [rfiId, rfiId],
    );
    const [anchor] = rows;
    const links: ChainLink[] = rows
      .filter((row) => row.id !== null)
      .map((row) => ({
        position: Number(row.id),
        seq: row.seq!,
        prevHash: row.prev_hash!,
        hash: row.hash!,
        recomputedHash: row.recomputed!,
      }));
    const head =
      anchor!.head_seq === null ? null : { seq: anchor!.head_seq, hash: anchor!.head_hash! };
    return verifyChain(anchor!.genesis, links, head);
  }

  /** RFI ids in order after `after`: for checking every history in batches. */
  async rfisAfter(em: EntityManager, after: string | null, limit: number): Promise<string[]> {
    const rows = await em.execute<{ id: string }[]>(
      `select id from information_request
       where id > coalesce(?::uuid, '00000000-0000-0000-0000-000000000000') order by id limit ?`,
      [after, limit],
    );
    return rows.map((row) => row.id);
  }
}
