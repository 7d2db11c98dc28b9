/**
 * Literals in SQL: quoted strings (with '' inside, an E or N prefix), dollar-quoted bodies, and
 * numbers that are not part of a name or a `$1` placeholder.
 */
const LITERALS =
  /(?:\b[EeNn])?'(?:[^']|'')*'|\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$|(?<![\w$.])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/g;

/**
 * A statement as a span may show it: every literal replaced by `?`, as the database semantic
 * conventions ask. MikroORM inlines values into the SQL it sends (a request's question, a person's
 * name), and no value is ever logged or exported here.
 */
export function sqlWithoutLiterals(text: string): string {
  return text.replace(LITERALS, '?');
}
