import { attachmentType, displayFilename, looksLikeText } from './attachment-file';

const bytes = (text: string) => new TextEncoder().encode(text);

describe("an attachment's type", () => {
  it('takes the detected type when the client declares the same, nothing or octet-stream', () => {
    for (const declared of [
      'application/pdf',
      'Application/PDF; name=x',
      null,
      'application/octet-stream',
    ])
      expect(attachmentType(declared, 'application/pdf', false)).toEqual({
        accepted: true,
        type: 'application/pdf',
      });
  });

  it('refuses a type outside the list: an executable, whatever it is called', () => {
    expect(attachmentType('application/pdf', 'application/x-msdownload', false)).toEqual({
      accepted: false,
      reason: 'NOT_ACCEPTED',
      detected: 'application/x-msdownload',
    });
    // Bytes with no signature that are not text either.
    expect(attachmentType('application/pdf', null, false)).toEqual({
      accepted: false,
      reason: 'NOT_ACCEPTED',
      detected: null,
    });
  });

  it('takes a pre-2007 Word, Excel or PowerPoint type as declared for their shared container only', () => {
    expect(attachmentType('application/msword', 'application/x-cfb', false)).toEqual({
      accepted: true,
      type: 'application/msword',
    });
    // Undeclared, or declared as something else, the container is not a type of its own.
    for (const declared of [null, 'application/pdf'])
      expect(attachmentType(declared, 'application/x-cfb', false)).toMatchObject({
        accepted: false,
        reason: 'NOT_ACCEPTED',
      });
  });

  it('refuses an accepted type declared as another (a PNG sent as a PDF)', () => {
    expect(attachmentType('application/pdf', 'image/png', false)).toEqual({
      accepted: false,
      reason: 'MISMATCH',
      detected: 'image/png',
    });
  });

  it('reads text without a signature as CSV when declared so, as plain text otherwise', () => {
    expect(attachmentType('text/csv; charset=utf-8', null, true)).toEqual({
      accepted: true,
      type: 'text/csv',
    });
    expect(attachmentType(null, null, true)).toEqual({ accepted: true, type: 'text/plain' });
    expect(attachmentType('application/pdf', null, true)).toMatchObject({ reason: 'MISMATCH' });
  });
});

describe('text or not', () => {
  it('takes UTF-8 text with tabs and line ends', () => {
    expect(looksLikeText(bytes('name;route\tSRB → HUN\r\n'), true)).toBe(true);
  });

  it('refuses NUL, other control characters and malformed UTF-8', () => {
    expect(looksLikeText(bytes('a\u0000b'), true)).toBe(false);
    expect(looksLikeText(bytes('a\u001bb'), true)).toBe(false);
    expect(looksLikeText(new Uint8Array([0x61, 0xc3, 0x28]), true)).toBe(false);
  });

  it('does not hold a character cut at the end of a sample against it', () => {
    const cut = bytes('Zürich ü').subarray(0, -1); // the last ü lacks its second byte
    expect(looksLikeText(cut, false)).toBe(true);
    expect(looksLikeText(cut, true)).toBe(false);
  });
});

describe('a filename for display', () => {
  it('keeps the last path segment only', () => {
    expect(displayFilename('../../etc/passwd')).toBe('passwd');
    expect(displayFilename('C:\\Users\\fp\\annex 1.pdf')).toBe('annex 1.pdf');
  });

  it('drops control, reserved and direction-changing characters, and outer dots and spaces', () => {
    expect(displayFilename('re\u0000port\u001b<>:"|?*.pdf')).toBe('report.pdf');
    // "annex‮fdp.exe" would show as "annexexe.pdf".
    expect(displayFilename('annex\u202efdp.exe')).toBe('annexfdp.exe');
    expect(displayFilename(' ..hidden. ')).toBe('hidden');
    expect(displayFilename('a\r\nb.txt')).toBe('ab.txt');
  });

  it('names a file with nothing left "attachment"', () => {
    expect(displayFilename('...')).toBe('attachment');
    expect(displayFilename('')).toBe('attachment');
  });

  it('shortens a long name to 200 characters, keeping its extension, and composes accents', () => {
    const long = `${'ш'.repeat(300)}.docx`;
    const shown = displayFilename(long);
    expect([...shown]).toHaveLength(200);
    expect(shown.endsWith('.docx')).toBe(true);
    expect(displayFilename('Zu\u0308rich.pdf')).toBe('Zürich.pdf');
  });
});
