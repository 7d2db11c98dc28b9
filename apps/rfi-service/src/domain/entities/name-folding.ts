/**
 * The form names are compared in: one Latin spelling for the ways one name is written across the
 * scripts and transliteration habits of the Budapest Process region, so that Петровић, Petrović,
 * Petrovic and Petrovich become one. Both sides of a comparison are folded alike, so a rule that
 * merges two spellings of different names costs at most a possible link the secretariat dismisses.
 *
 * 1. Cyrillic to Latin, letter by letter (Serbian and Macedonian Latin, then the ICAO 9303 letters
 *    of Russian, Ukrainian and Bulgarian).
 * 2. Diacritics dropped (ć, č → c; ş → s; ü → u), ß → ss, ı → i, and what is not a letter or digit
 *    becomes a blank (Al-Hassan → al hassan).
 * 3. Spellings of one sound made one: dzh → dz, zh → z, kh → h, tch/ch/tsh/ts/tz/cz → c, sh/sch/sz → s,
 *    dj/gj → d, ph → f, w → v, q → k, x → ks, y and j → i, ue/oe/ae → u/o/a (Mueller, Müller),
 *    ou → u, and doubled letters once (Hassan, Hasan).
 */
export function foldName(name: string): string {
  const latin = [...name.normalize('NFC').toLowerCase()].map((c) => CYRILLIC[c] ?? c).join('');
  const plain = latin
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .replace(/[đ]/g, 'dj')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  let folded = plain;
  for (const [spelling, sound] of SOUNDS) folded = folded.replace(spelling, sound);
  return folded.replace(/([a-z])\1+/g, '$1');
}

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  ђ: 'dj',
  ѓ: 'gj',
  е: 'e',
  ё: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  ѕ: 'dz',
  и: 'i',
  і: 'i',
  ї: 'i',
  й: 'i',
  ј: 'j',
  к: 'k',
  л: 'l',
  љ: 'lj',
  м: 'm',
  н: 'n',
  њ: 'nj',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  ћ: 'c',
  ќ: 'kj',
  у: 'u',
  ў: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  џ: 'dž',
  ш: 'sh',
  щ: 'shch',
  ъ: 'a',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

// Longest spellings first: shch before sh and ch, dzh before zh.
const SOUNDS: [RegExp, string][] = [
  [/shch/g, 's'],
  [/dzh/g, 'dz'],
  [/zh/g, 'z'],
  [/kh/g, 'h'],
  [/tch|tsh|ch|ts|tz|cz/g, 'c'],
  [/sch|sh|sz/g, 's'],
  [/dj|gj/g, 'd'],
  [/ph/g, 'f'],
  [/w/g, 'v'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/[yj]/g, 'i'],
  [/ue/g, 'u'],
  [/oe/g, 'o'],
  [/ae/g, 'a'],
  [/ou/g, 'u'],
];

/** Legal forms say nothing of which company it is: d.o.o., GmbH, Ltd, S.R.L. and the like. */
const LEGAL_FORMS = new Set([
  'ad',
  'ag',
  'as',
  'bv',
  'co',
  'corp',
  'doel',
  'doo',
  'dd',
  'gmbh',
  'inc',
  'kft',
  'llc',
  'ltd',
  'nv',
  'ooo',
  'oy',
  'plc',
  'sa',
  'sarl',
  'sas',
  'sp',
  'spa',
  'sro',
  'srl',
  'zrt',
]);

/**
 * An organisation's name folded as a person's, with abbreviations written with stops made one
 * word (d.o.o. → doo) and legal forms dropped (Balkan Express d.o.o. → balkan ekspres).
 */
export function foldOrganisationName(name: string): string {
  const words = foldName(name)
    .replace(/\b(\w)( \w\b)+/g, (letters) => letters.replace(/ /g, ''))
    .split(' ');
  const kept = words.filter((word) => !LEGAL_FORMS.has(word));
  return (kept.length ? kept : words).join(' ');
}

/** Articles and particles written or left out at will: al-Hassan and Hassan, van Dijk and Dijk. */
const PARTICLES = new Set([
  'al',
  'el',
  'ul',
  'ad',
  'as',
  'at',
  'az',
  'van',
  'von',
  'de',
  'der',
  'da',
  'di',
  'du',
]);

/** A person's name folded (foldName), without the particles a spelling may leave out. */
export function foldPersonName(name: string): string {
  const words = foldName(name).split(' ');
  const kept = words.filter((word) => !PARTICLES.has(word));
  return (kept.length ? kept : words).join(' ');
}
