import { EntityValues, RfiEntity } from './rfi-entity';
import { linksFound, matchedTypes, possibleLinkChange } from './possible-links';

const person = (names: string[], dateOfBirth: string | null = null): EntityValues => ({
  type: 'PERSON',
  names,
  dateOfBirth,
  nationality: null,
  role: 'FACILITATOR',
  minor: false,
});
const phone = (number: string): EntityValues => ({ type: 'PHONE', number });
const entity = (id: string, rfiId: string, values: EntityValues): RfiEntity => ({
  id,
  rfiId,
  messageId: null,
  values,
  addedByUserId: 'u',
  addedByParty: 'HUN',
  addedAt: new Date(0),
});

describe('possible links', () => {
  const added = [
    entity('e1', 'rfi-new', person(['Горан Ђорђевић'], '1979-04-12')),
    entity('e2', 'rfi-new', phone('+381641234567')),
  ];

  it('groups what the rule matches by the other request, and passes over the rest', () => {
    const candidates = [
      { id: 'c1', rfiId: 'rfi-b', values: person(['Goran Djordjevic'], '1979-04-12') },
      { id: 'c2', rfiId: 'rfi-a', values: phone('+381641234567') },
      { id: 'c3', rfiId: 'rfi-a', values: person(['Goran Djordjevic'], '1980-01-01') },
      { id: 'c4', rfiId: 'rfi-c', values: person(['Zoran Djordjevic']) },
      // The request's own: never a link to itself.
      { id: 'c5', rfiId: 'rfi-new', values: phone('+381641234567') },
    ];
    expect(linksFound(added, candidates)).toEqual([
      {
        otherRfiId: 'rfi-a',
        matches: [{ entityId: 'e2', otherEntityId: 'c2', type: 'PHONE', score: 1 }],
      },
      {
        otherRfiId: 'rfi-b',
        matches: [{ entityId: 'e1', otherEntityId: 'c1', type: 'PERSON', score: 1 }],
      },
    ]);
    expect(linksFound(added, [])).toEqual([]);
  });

  it('tells the types that matched once each, in the vocabulary order', () => {
    const match = (type: 'PERSON' | 'PHONE') => ({
      entityId: 'a',
      otherEntityId: 'b',
      type,
      score: 1,
    });
    expect(matchedTypes([match('PHONE'), match('PERSON'), match('PHONE')])).toEqual([
      'PERSON',
      'PHONE',
    ]);
  });

  it('leaves a line by no one, naming the link, the types and the other request', () => {
    const at = new Date('2026-11-30T00:00:00Z');
    expect(
      possibleLinkChange(
        { id: 'link-1', entityTypes: ['PERSON'] },
        { id: 'rfi-b', reference: 'RFI-2026-ABCDEFGH' },
        at,
        true,
      ),
    ).toEqual({
      action: 'POSSIBLE_LINK_FOUND',
      at,
      actor: null,
      details: {
        linkId: 'link-1',
        entityTypes: ['PERSON'],
        linkedRfiId: 'rfi-b',
        linkedReference: 'RFI-2026-ABCDEFGH',
        foundHere: true,
      },
    });
  });
});
