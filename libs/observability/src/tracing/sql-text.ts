/**
 * A statement as a span may show it: every literal replaced by `?`, as the database semantic
 * conventions ask. MikroORM inlines values into the SQL it sends (a request's question, a person's
 * name), and no value is ever logged or exported here.
 *
 * A small scanner, not a pattern: a string is only a string when it does not start inside a
 * comment or a quoted name, and an E'' string ends where its backslash escapes say. Comments are
 * dropped (they could quote anything); quoted names, `$1` placeholders and casts are kept.
 */
export function sqlWithoutLiterals(text: string): string {
  let out = '';
  let i = 0;
  const at = (offset = 0) => text[i + offset] ?? '';
  while (i < text.length) {
    const c = at();
    if (c === '-' && at(1) === '-') {
      while (i < text.length && at() !== '\n') i++;
    } else if (c === '/' && at(1) === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === '"') {
      const start = i;
      i = quotedEnd(text, i, '"', false);
      out += text.slice(start, i);
    } else if (c === "'" || (/[EeBbXxNn]/.test(c) && at(1) === "'" && !isNamePart(text[i - 1]))) {
      const escapes = c === 'E' || c === 'e';
      i = quotedEnd(text, c === "'" ? i : i + 1, "'", escapes);
      out += '?';
    } else if (c === '$' && !isNamePart(text[i - 1]) && /[A-Za-z_$]/.test(at(1))) {
      const tag = matchAt(DOLLAR_TAG, text, i);
      const end = tag ? text.indexOf(tag, i + tag.length) : -1;
      if (tag && end >= 0) {
        i = end + tag.length;
        out += '?';
      } else out += text[i++];
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(at(1)))) {
      if (isNamePart(text[i - 1]) || text[i - 1] === '$') {
        out += text[i++];
        continue;
      }
      while (i < text.length && /[0-9A-Za-z_.]/.test(at())) {
        if (/[eE]/.test(at()) && /[+-]/.test(at(1))) i++;
        i++;
      }
      // A sign is part of the value where a value is expected (after `(`, `,`, an operator).
      if (/(^|[(,=<>+*/-])\s*-$/.test(out)) out = out.slice(0, -1);
      out += '?';
    } else if (/[A-Za-z_]/.test(c) && !isNamePart(text[i - 1])) {
      const word = matchAt(WORD, text, i)!;
      out += /^(true|false)$/i.test(word) ? '?' : word;
      i += word.length;
    } else out += text[i++];
  }
  return out;
}

// Sticky: they match at lastIndex only, so no copy of the rest of the statement is made.
const DOLLAR_TAG = /\$([A-Za-z_]\w*)?\$/y;
const WORD = /[A-Za-z_][A-Za-z0-9_$]*/y;

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

function isNamePart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_$."]/.test(c);
}

/** Where a quoted run that opens at `start` ends: doubled quotes inside, and \ escapes in E''. */
function quotedEnd(text: string, start: number, quote: string, escapes: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    if (escapes && text[i] === '\\') i += 2;
    else if (text[i] === quote && text[i + 1] === quote) i += 2;
    else if (text[i] === quote) return i + 1;
    else i++;
  }
  return text.length;
}
