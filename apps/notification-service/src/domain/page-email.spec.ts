import { pageEmail } from './page-email';

describe('the e-mail of a duty page', () => {
  const mail = pageEmail(
    {
      pageId: '44444444-4444-4444-8444-444444444444',
      rfiId: '33333333-3333-4333-8333-333333333333',
      reference: 'RFI-2026-7KQ2M9XA',
    },
    'https://bp.example.org/',
  );

  it('names the kind and the reference, and links to the acknowledgement and the request', () => {
    expect(mail.subject).toContain('URGENT');
    expect(mail.subject).toContain('RFI-2026-7KQ2M9XA');
    expect(mail.text).toContain(
      'https://bp.example.org/api/v1/pages/44444444-4444-4444-8444-444444444444/acknowledge',
    );
    expect(mail.text).toContain(
      'https://bp.example.org/api/v1/rfis/33333333-3333-4333-8333-333333333333',
    );
  });
});
