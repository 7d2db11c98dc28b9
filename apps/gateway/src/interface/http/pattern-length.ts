import { AST, RegExpParser } from '@eslint-community/regexpp';

const parser = new RegExpParser();

/**
 * The length of the longest string a pattern accepts, when it has one: every alternative is
 * anchored at both ends and no part repeats without bound. Undefined otherwise (a pattern like
 * `\S` accepts a string of any length around its match).
 */
export function longestMatch(pattern: string | RegExp): number | undefined {
  const source = typeof pattern === 'string' ? pattern : pattern.source;
  let ast: AST.Pattern;
  try {
    ast = parser.parsePattern(source);
  } catch {
    return undefined;
  }
  if (!ast.alternatives.every(anchored)) return undefined;
  const length = alternativesLength(ast.alternatives);
  return Number.isFinite(length) ? length : undefined;
}

function anchored(alternative: AST.Alternative): boolean {
  const [first] = alternative.elements;
  const last = alternative.elements[alternative.elements.length - 1];
  return isAssertion(first, 'start') && isAssertion(last, 'end');
}

function isAssertion(element: AST.Element | undefined, kind: 'start' | 'end'): boolean {
  return element?.type === 'Assertion' && element.kind === kind;
}

function alternativesLength(alternatives: AST.Alternative[]): number {
  return Math.max(
    ...alternatives.map((alternative) =>
      alternative.elements.reduce((sum, element) => sum + elementLength(element), 0),
    ),
  );
}

function elementLength(element: AST.Element): number {
  switch (element.type) {
    case 'Assertion':
      return 0;
    case 'Character':
    case 'CharacterClass':
    case 'CharacterSet':
      return 1;
    case 'Group':
    case 'CapturingGroup':
      return alternativesLength(element.alternatives);
    case 'Quantifier':
      return element.max === Infinity ? Infinity : element.max * elementLength(element.element);
    default:
      // A back-reference, or a class of strings: not worth bounding; say "unbounded".
      return Infinity;
  }
}
