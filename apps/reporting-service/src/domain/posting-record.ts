/**
 * When an officer's posting was on post, as the reporting model keeps it: from the moment the
 * deployment-service said it became ACTIVE to the moment it said it ENDED. Every deployment event
 * carries the posting's whole state, so these follow from the status each event reports.
 */
export interface OnPost {
  activatedAt: Date | null;
  endedAt: Date | null;
}

export function onPostAfter(previous: OnPost | null, status: string, at: Date): OnPost {
  const activatedAt = previous?.activatedAt ?? (status === 'ACTIVE' ? at : null);
  // An end the model saw no start of (it began after the activation left the topic) counts nowhere.
  const endedAt = previous?.endedAt ?? (status === 'ENDED' && activatedAt ? at : null);
  return { activatedAt, endedAt };
}

/** On post at some time of [from, to): started before its end, and not ended before its start. */
export function wasOnPostDuring(posting: OnPost, from: Date, to: Date): boolean {
  if (!posting.activatedAt || posting.activatedAt.getTime() >= to.getTime()) return false;
  return !posting.endedAt || posting.endedAt.getTime() >= from.getTime();
}
