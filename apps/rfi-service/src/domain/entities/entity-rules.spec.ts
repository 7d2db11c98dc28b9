import { entityValuesOf, shapeFaultsOf } from './entity-rules';

describe('the shape of an entity', () => {
  it('names each field its type lacks or needs, and takes null for missing, never for "null"', () => {
    expect(
      shapeFaultsOf(
        { type: 'PERSON', names: ['Ivan Petrović'], role: 'SUSPECT', number: 'A1' },
        'e',
      ),
    ).toEqual([{ field: 'e.number', message: 'a PERSON has no number' }]);
    expect(shapeFaultsOf({ type: 'PERSON', names: null, role: 'SUSPECT' }, 'e')).toEqual([
      { field: 'e.names', message: 'a PERSON needs names' },
    ]);
    expect(
      shapeFaultsOf(
        { type: 'DOCUMENT', documentType: 'PASSPORT', number: null, issuingCountry: 'SRB' },
        'e',
      ),
    ).toEqual([{ field: 'e.number', message: 'a DOCUMENT needs number' }]);
    const values = entityValuesOf({
      type: 'PERSON',
      names: [' Ivan Petrović '],
      role: 'SUSPECT',
      dateOfBirth: null,
    });
    expect(values).toMatchObject({ names: ['Ivan Petrović'], dateOfBirth: null, minor: false });
  });

  it('takes a phone in E.164 only, and a route segment between two countries', () => {
    expect(shapeFaultsOf({ type: 'PHONE', number: '0641234567' }, 'e')).toEqual([
      { field: 'e.number', message: expect.stringContaining('E.164') },
    ]);
    expect(
      shapeFaultsOf(
        { type: 'ROUTE_SEGMENT', fromCountry: 'TUR', toCountry: 'TUR', mode: 'SEA' },
        'e',
      ),
    ).toEqual([{ field: 'e.toCountry', message: expect.any(String) }]);
  });
});
