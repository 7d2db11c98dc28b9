/** How many live notification streams one gateway instance keeps open, per user and in all. */
export interface StreamLimits {
  maxPerUser: number;
  maxPerInstance: number;
}

/**
 * Whether one more stream may open. A stream holds a connection and a place in the instance's
 * memory for as long as it lasts, unlike a request: the caps keep one user (or a stolen token)
 * from taking what every other user of the instance needs. Counted per instance: any instance
 * can serve any user, and each protects its own capacity.
 */
export function mayOpenStream(
  limits: StreamLimits,
  open: { byUser: number; total: number },
): { ok: true } | { ok: false; reason: string } {
  if (open.byUser >= limits.maxPerUser)
    return { ok: false, reason: `At most ${limits.maxPerUser} open streams per user` };
  if (open.total >= limits.maxPerInstance)
    return { ok: false, reason: 'This gateway instance holds as many streams as it may' };
  return { ok: true };
}

/** Whether the account behind a stream still acts as it did when the stream opened. */
export function sameStanding(
  opened: { role: string; party: string | null; officerId: string | null },
  now: { role: string; party: string | null; officerId: string | null },
): boolean {
  return (
    opened.role === now.role && opened.party === now.party && opened.officerId === now.officerId
  );
}
