/**
 * Hashes RFI histories' chains anew from their first line, one depth (seq) at a time for every RFI
 * at once, each line linked to the one before it: for a migration, as the tables' owner, with the
 * append-only trigger off. `rfis`, when given, is a subquery of the RFI ids to re-chain.
 */
export function rechainSql(rfis?: string): string {
  return `do $$
      declare depth integer := 1;
      begin
        loop
          update rfi_history h
            set prev_hash = coalesce(p.hash, rfi_history_genesis(h.rfi_id)),
                hash = rfi_history_hash(coalesce(p.hash, rfi_history_genesis(h.rfi_id)), h)
            from rfi_history h2
            left join rfi_history p on p.rfi_id = h2.rfi_id and p.seq = h2.seq - 1
            where h2.id = h.id and h.seq = depth${rfis ? ` and h.rfi_id in (${rfis})` : ''};
          exit when not found;
          depth := depth + 1;
        end loop;
      end $$`;
}
