/** What a paged person is sent by e-mail: enough to act on, nothing a mailbox should keep. */
export interface PageEmail {
  subject: string;
  text: string;
}

/**
 * An e-mail leaves the system for servers nobody here controls, so it says only that an URGENT
 * request needs an answer: the kind, the reference and links. Never the title (it may name
 * people, places or an operation) and never a body; the reader signs in to see more.
 */
export function pageEmail(
  page: { pageId: string; rfiId: string; reference: string },
  publicUrl: string,
): PageEmail {
  const api = `${publicUrl.replace(/\/+$/, '')}/api/v1`;
  return {
    subject: `[BP duty] URGENT request ${page.reference} needs you`,
    text: [
      `An URGENT request for information, ${page.reference}, was routed to your party and you are paged as its duty contact.`,
      '',
      `Acknowledge: POST ${api}/pages/${page.pageId}/acknowledge`,
      `The request:  GET ${api}/rfis/${page.rfiId}`,
      '',
      'Sign in to read it. If nobody acknowledges in time, the next duty contact is paged.',
    ].join('\n'),
  };
}
