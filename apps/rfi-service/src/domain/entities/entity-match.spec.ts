import { MATCH_THRESHOLDS, matchKeysOf, matchScore } from './entity-match';
import { foldName } from './name-folding';
import { EntityValues } from './rfi-entity';
import { trigramSimilarity, trigramsOf } from './trigrams';

const person = (names: string[], dateOfBirth: string | null = null): EntityValues => ({
  type: 'PERSON',
  names,
  dateOfBirth,
  nationality: null,
  role: 'FACILITATOR',
  minor: false,
});

describe('trigram similarity, as pg_trgm computes it', () => {
  it('pads each word and compares the sets', () => {
    expect([...trigramsOf('Cat')].sort()).toEqual(['  c', ' ca', 'at ', 'cat']);
    expect(trigramSimilarity('word', 'word')).toBe(1);
    expect(trigramSimilarity('ivan petrovic', 'petrovic ivan')).toBe(1);
    expect(trigramSimilarity('abc', '')).toBe(0);
    // pg_trgm: similarity('marko petrovic', 'mirko petrovic') = 0.6666667
    expect(trigramSimilarity('marko petrovic', 'mirko petrovic')).toBeCloseTo(2 / 3, 6);
  });
});

describe('names folded across scripts and transliterations', () => {
  it.each([
    ['Петровић', 'petrovic'],
    ['Petrović', 'petrovic'],
    ['PETROVICH', 'petrovic'],
    ['Petrovitch', 'petrovic'],
    ['Жуковский', 'zukovski'],
    ['Zhukovskiy', 'zukovski'],
    ['Đorđević', 'dordevic'],
    ['Djordjevic', 'dordevic'],
    ['Ђорђевић', 'dordevic'],
    ['Müller', 'muler'],
    ['Mueller', 'muler'],
    ['Al-Hassan', 'al hasan'],
    ['Yusuf', 'iusuf'],
    ['Jusuf', 'iusuf'],
    ['Хаџић', 'hadzic'],
    ['Hadžić', 'hadzic'],
    ['Şahin', 'sahin'],
  ])('%s → %s', (name, folded) => expect(foldName(name)).toBe(folded));
});

describe('the matching rule', () => {
  it('links transliteration variants of one person', () => {
    const cases: [string[], string[], string | null][] = [
      [['Иван Петровић'], ['Ivan Petrovic'], null],
      [['Ivan Petrović'], ['PETROVICH Ivan'], null],
      [['Горан Ђорђевић'], ['Goran Djordjevic'], '1979-04-12'],
      [['Oleksandr Zhukovskyi'], ['Олександр Жуковський'], null],
      // The filer knew two spellings; either may meet the other request's.
      [['Muhammad Al-Hassan', 'Mohammed Hassan'], ['Mohammed Al Hasan'], null],
    ];
    for (const [a, b, dateOfBirth] of cases)
      expect({ a, b, score: matchScore(person(a, dateOfBirth), person(b, dateOfBirth)) }).toEqual({
        a,
        b,
        score: expect.any(Number),
      });
  });

  it('keeps apart different persons with alike names', () => {
    // Without a date of birth the bar is 0.85: one letter of a first name differs.
    expect(matchScore(person(['Marko Petrović']), person(['Mirko Petrović']))).toBeNull();
    expect(matchScore(person(['Ivan Petrović']), person(['Ivana Petrović']))).toBeNull();
    expect(matchScore(person(['Ivan Petrović']), person(['Ivan Pavlović']))).toBeNull();
    // Different dates of birth: two persons, however alike the names.
    expect(
      matchScore(person(['Ivan Petrović'], '1980-01-02'), person(['Ivan Petrović'], '1975-03-04')),
    ).toBeNull();
    // A single word (an alias, a first name) links only with the same date of birth.
    expect(matchScore(person(['Ivan']), person(['Ivan']))).toBeNull();
    expect(matchScore(person(['Ivan'], '1980-01-02'), person(['Ivan'], '1980-01-02'))).toBe(1);
  });

  it('lowers the bar to 0.6 for the same date of birth, and states where it stands', () => {
    const [a, b] = [
      person(['Marko Petrović'], '1980-01-02'),
      person(['Mirko Petrovic'], '1980-01-02'),
    ];
    expect(matchScore(a, b)).toBeCloseTo(2 / 3, 6);
    expect(MATCH_THRESHOLDS).toEqual({
      personWithSameBirthDate: 0.6,
      person: 0.85,
      organisation: 0.8,
    });
    // Still not for a different surname.
    expect(
      matchScore(
        person(['Marko Petrović'], '1980-01-02'),
        person(['Marko Jovanović'], '1980-01-02'),
      ),
    ).toBeNull();
  });

  it('links documents by number and issuer, conveyances by identifier, phones exactly', () => {
    const passport = (number: string, issuingCountry: string): EntityValues => ({
      type: 'DOCUMENT',
      documentType: 'PASSPORT',
      number,
      issuingCountry,
      validUntil: null,
    });
    expect(matchScore(passport('AB 123-4567', 'SRB'), passport('ab1234567', 'SRB'))).toBe(1);
    expect(matchScore(passport('AB1234567', 'SRB'), passport('AB1234567', 'HUN'))).toBeNull();
    expect(matchScore(passport('AB1234567', 'SRB'), passport('AB1234568', 'SRB'))).toBeNull();

    const vessel = (identifier: string, registrationCountry: string | null): EntityValues => ({
      type: 'VESSEL',
      identifier,
      registrationCountry,
    });
    expect(matchScore(vessel('IMO 9074729', null), vessel('imo9074729', 'TUR'))).toBe(1);
    expect(matchScore(vessel('IMO 9074729', 'GRC'), vessel('IMO9074729', 'TUR'))).toBeNull();
    const vehicle: EntityValues = {
      type: 'VEHICLE',
      identifier: 'IMO9074729',
      registrationCountry: null,
    };
    expect(matchScore(vessel('IMO9074729', null), vehicle)).toBeNull();

    const phone = (number: string): EntityValues => ({ type: 'PHONE', number });
    expect(matchScore(phone('+381641234567'), phone('+381641234567'))).toBe(1);
    expect(matchScore(phone('+381641234567'), phone('+381641234568'))).toBeNull();
  });

  it('links organisations by folded name and never route segments', () => {
    const organisation = (name: string): EntityValues => ({ type: 'ORGANISATION', name });
    expect(
      matchScore(organisation('Balkan Express d.o.o.'), organisation('BALKAN EXPRESS DOO')),
    ).not.toBeNull();
    expect(matchScore(organisation('Balkan Express'), organisation('Adriatic Express'))).toBeNull();
    expect(
      matchScore(organisation('Balkan Express GmbH'), organisation('Balkan Travel GmbH')),
    ).toBeNull();
    expect(matchKeysOf(organisation('S.R.L. Dunărea'))).toEqual([
      { kind: 'ORGANISATION_WORD', key: 'dunarea' },
    ]);
    const leg: EntityValues = {
      type: 'ROUTE_SEGMENT',
      fromCountry: 'TUR',
      toCountry: 'BGR',
      mode: 'LAND',
    };
    expect(matchScore(leg, leg)).toBeNull();
    expect(matchKeysOf(leg)).toEqual([]);
  });

  it('gives the database the keys it prefilters by', () => {
    expect(matchKeysOf(person(['Иван Петровић', 'Ivan Petrovic', 'Ivan Petrovich']))).toEqual([
      { kind: 'NAME_WORD', key: 'ivan' },
      { kind: 'NAME_WORD', key: 'petrovic' },
    ]);
    // Numbers are no name words, and a spelling gives six words at most.
    expect(
      matchKeysOf(person(['100 101 102 Ivan', 'a b c d e f g h i j k l m n o p q r s t'])),
    ).toEqual([{ kind: 'NAME_WORD', key: 'ivan' }]);
    expect(matchKeysOf(person(['one two three four five six seven eight'])).length).toBe(6);
    // Particles and initials are no keys.
    expect(matchKeysOf(person(['Muhammad Al-Hassan', 'M. al Hasan']))).toEqual([
      { kind: 'NAME_WORD', key: 'muhamad' },
      { kind: 'NAME_WORD', key: 'hasan' },
    ]);
    expect(
      matchKeysOf({
        type: 'DOCUMENT',
        documentType: 'VISA',
        number: 'x-12 34',
        issuingCountry: 'AUT',
        validUntil: '2027-01-01',
      }),
    ).toEqual([{ kind: 'DOCUMENT', key: 'AUT:X1234' }]);
  });
});
