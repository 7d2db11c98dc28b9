import { ATTACHMENT_MEDIA_TYPES } from '@bp/domain-kernel';

/**
 * What the channel accepts as an attachment's file (issue 15): the types a request or an answer
 * carries in this field (PDF, images, office documents, plain text and CSV), decided from the
 * bytes and held against what the client declared, and a filename that is only ever displayed.
 */

/** Media types accepted, as detected from the bytes (text has no signature: see textTypeOf). */
export const ACCEPTED_TYPES: ReadonlySet<string> = new Set(ATTACHMENT_MEDIA_TYPES);

/**
 * Word, Excel and PowerPoint files before 2007 share one container (CFB), which is all their bytes
 * say: the declared type among these then stands.
 */
const CFB = 'application/x-cfb';
const LEGACY_OFFICE = new Set([
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
]);

/** What a client may declare when it does not know: the detected type then stands. */
const UNDECLARED = new Set(['', 'application/octet-stream']);

export type TypeVerdict =
  | { accepted: true; type: string }
  | { accepted: false; reason: 'NOT_ACCEPTED' | 'MISMATCH'; detected: string | null };

/**
 * The attachment's type: the detected one, if it is accepted and agrees with the declared one (a
 * client that declares nothing or application/octet-stream agrees with anything). `detected` is
 * null when the bytes carry no signature; they are then text if `looksLikeText` says so, and the
 * declared text type (plain or CSV) stands.
 */
export function attachmentType(
  declared: string | null,
  detected: string | null,
  looksLikeText: boolean,
): TypeVerdict {
  const claimed = mediaType(declared ?? '');
  const actual =
    detected === CFB && LEGACY_OFFICE.has(claimed)
      ? claimed
      : (detected ?? (looksLikeText ? textTypeOf(claimed) : null));
  if (!actual || !ACCEPTED_TYPES.has(actual))
    return { accepted: false, reason: 'NOT_ACCEPTED', detected: actual };
  if (!UNDECLARED.has(claimed) && claimed !== actual)
    return { accepted: false, reason: 'MISMATCH', detected: actual };
  return { accepted: true, type: actual };
}

/** Text without a signature is CSV when the client says so, plain text otherwise. */
function textTypeOf(claimed: string): string {
  return claimed === 'text/csv' ? 'text/csv' : 'text/plain';
}

/** The media type alone, lower case: `Text/CSV; charset=utf-8` is `text/csv`. */
function mediaType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

/**
 * True when a sample of the bytes reads as UTF-8 text: no NUL and no malformed sequence, control
 * characters only as tab, line feed, carriage return and form feed. `complete` is false when the
 * sample may end inside a character (a cut sequence at its end is then not held against it).
 */
export function looksLikeText(sample: Uint8Array, complete: boolean): boolean {
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(
      complete ? sample : sample.subarray(0, lastWholeCharacterEnd(sample)),
    );
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(decoded);
}

/** Where the last UTF-8 character that is whole in `bytes` ends. */
function lastWholeCharacterEnd(bytes: Uint8Array): number {
  let start = bytes.length - 1;
  // Back to the lead byte of the last character (at most 3 continuation bytes).
  while (start > 0 && bytes.length - start < 4 && (bytes[start]! & 0xc0) === 0x80) start -= 1;
  if (start < 0) return 0;
  const lead = bytes[start]!;
  const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return start + length <= bytes.length ? bytes.length : start;
}

const MAX_FILENAME_LENGTH = 200;

/**
 * A filename fit for display and for a Content-Disposition header: its last path segment, in NFC,
 * without control characters or the characters file systems reserve, no leading or trailing dots
 * or spaces, at most 200 characters (the extension kept). Never used to name anything stored.
 */
export function displayFilename(name: string): string {
  const segment = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = segment
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (!cleaned) return 'attachment';
  const characters = [...cleaned];
  if (characters.length <= MAX_FILENAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  const keep = extension.length < 20 ? extension : [];
  return characters.slice(0, MAX_FILENAME_LENGTH - keep.length).join('') + keep.join('');
}
