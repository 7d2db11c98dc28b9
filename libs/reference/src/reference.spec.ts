import { PARTIES, findParty } from './parties';
import { MIGRATION_ROUTES } from './routes';
import { TOPICS } from './topics';

describe('reference data', () => {
  it('covers the 30 participants at Ohrid: 23 states and 7 organisations', () => {
    const ohrid = PARTIES.filter((party) => party.atOhrid2022);
    expect(ohrid).toHaveLength(30);
    expect(ohrid.filter((party) => party.kind === 'STATE')).toHaveLength(23);
    expect(
      ohrid
        .filter((party) => party.kind === 'ORGANISATION')
        .map((p) => p.code)
        .sort(),
    ).toEqual(['BALI_RSO', 'EC', 'EUAA', 'FRONTEX', 'ICMPD', 'MARRI', 'UNHCR']);
    for (const name of [
      'Türkiye',
      'North Macedonia',
      'Pakistan',
      'Iran',
      'Bangladesh',
      'United Kingdom',
    ]) {
      expect(ohrid.map((party) => party.name)).toContain(name);
    }
  });

  it('has unique codes, alpha-3 for states', () => {
    const codes = PARTIES.map((party) => party.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const party of PARTIES.filter((p) => p.kind === 'STATE'))
      expect(party.code).toMatch(/^[A-Z]{3}$/);
    expect(PARTIES.length).toBeGreaterThanOrEqual(50);
  });

  it('tags the Silk Routes countries and the Western Balkans', () => {
    expect(
      PARTIES.filter((p) => p.regions.includes('SILK_ROUTES'))
        .map((p) => p.code)
        .sort(),
    ).toEqual(['AFG', 'BGD', 'IRN', 'IRQ', 'PAK']);
    expect(findParty('SRB')?.regions).toContain('WESTERN_BALKANS');
  });

  it('builds routes only from known states, without repeats', () => {
    for (const route of MIGRATION_ROUTES) {
      expect(new Set(route.parties).size).toBe(route.parties.length);
      for (const code of route.parties) expect(findParty(code)?.kind).toBe('STATE');
    }
  });

  it('has the topics of the report', () => {
    expect(TOPICS).toEqual(
      expect.arrayContaining([
        'ASYLUM',
        'SMUGGLING_OF_MIGRANTS',
        'TRAFFICKING_IN_HUMAN_BEINGS',
        'RETURN_READMISSION',
        'REINTEGRATION',
      ]),
    );
  });
});
