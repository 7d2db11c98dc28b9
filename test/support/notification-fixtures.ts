import { allPages } from './api';

/** A notification as GET /notifications answers it. */
export interface Notification {
  id: string;
  kind: string;
  subject: { type: string; id: string; reference?: string; title?: string };
  details: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

/** Every notification in the user's inbox, e.g. `inbox('fp-srb', '?kind=RFI_DUE_SOON')`. */
export const inbox = (user: string, query = '') =>
  allPages<Notification>(user, `/notifications${query}`);
