import { NotificationKind, NotificationSubjectType } from '@bp/domain-kernel';
import { Audience, audienceKey } from './audience';

/**
 * What a notification points at: references, titles and ids, never a body. `title` is there only
 * where every audience of the notification may see the record's title.
 */
export interface NotificationSubject {
  type: NotificationSubjectType;
  id: string;
  reference?: string;
  title?: string;
}

/** Ids, codes and dates that say what to act on (an assignment, a level of the ladder, a due time). */
export type NotificationDetails = Readonly<Record<string, string | number>>;

/** A notification to be stored for one audience, decided from one event. */
export interface NotificationDraft {
  kind: NotificationKind;
  audience: Audience;
  subject: NotificationSubject;
  details: NotificationDetails;
}

/** One notification per audience and event: two reasons to tell the same audience make one. */
export function oncePerAudience(drafts: readonly NotificationDraft[]): NotificationDraft[] {
  const seen = new Set<string>();
  return drafts.filter((draft) => {
    const key = audienceKey(draft.audience);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
