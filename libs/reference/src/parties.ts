import { Region } from './regions';

export type PartyKind = 'STATE' | 'ORGANISATION';

export interface Party {
  /** ISO 3166-1 alpha-3 for states (XKX for Kosovo, the code in common use); a short code for organisations. */
  code: string;
  name: string;
  kind: PartyKind;
  regions: readonly Region[];
  /** Took part in the Ohrid joint working-group meeting of May 2022 (the seed report). */
  atOhrid2022: boolean;
}

const state = (code: string, name: string, regions: Region[], atOhrid2022 = false): Party => ({
  code,
  name,
  kind: 'STATE',
  regions,
  atOhrid2022,
});
const organisation = (code: string, name: string, atOhrid2022 = true): Party => ({
  code,
  name,
  kind: 'ORGANISATION',
  regions: ['INTERNATIONAL'],
  atOhrid2022,
});

/**
 * The parties of the Budapest Process: the 30 present at Ohrid (23 states, 7 organisations) and
 * the other participating states. Russia and Belarus are left out: their participation is
 * suspended, and a reference list is no place to guess.
 */
export const PARTIES: readonly Party[] = [
  // Present at Ohrid, 19-20 May 2022
  state('ALB', 'Albania', ['SEE', 'WESTERN_BALKANS'], true),
  state('AUT', 'Austria', ['EU'], true),
  state('AZE', 'Azerbaijan', ['EASTERN_PARTNERSHIP', 'SOUTH_CAUCASUS'], true),
  state('BGD', 'Bangladesh', ['SILK_ROUTES'], true),
  state('BIH', 'Bosnia and Herzegovina', ['SEE', 'WESTERN_BALKANS'], true),
  state('BGR', 'Bulgaria', ['SEE', 'EU'], true),
  state('CZE', 'Czech Republic', ['EU'], true),
  state('FIN', 'Finland', ['EU'], true),
  state('FRA', 'France', ['EU', 'WESTERN_EUROPE'], true),
  state('DEU', 'Germany', ['EU', 'WESTERN_EUROPE'], true),
  state('HUN', 'Hungary', ['EU'], true),
  state('IRN', 'Iran', ['SILK_ROUTES'], true),
  state('IRQ', 'Iraq', ['SILK_ROUTES'], true),
  state('MNE', 'Montenegro', ['SEE', 'WESTERN_BALKANS'], true),
  state('MKD', 'North Macedonia', ['SEE', 'WESTERN_BALKANS'], true),
  state('PAK', 'Pakistan', ['SILK_ROUTES'], true),
  state('POL', 'Poland', ['EU'], true),
  state('SRB', 'Serbia', ['SEE', 'WESTERN_BALKANS'], true),
  state('SVN', 'Slovenia', ['SEE', 'EU'], true),
  state('SWE', 'Sweden', ['EU'], true),
  state('CHE', 'Switzerland', ['EFTA', 'WESTERN_EUROPE'], true),
  state('TUR', 'Türkiye', ['SEE'], true),
  state('GBR', 'United Kingdom', ['WESTERN_EUROPE'], true),
  organisation('BALI_RSO', 'Regional Support Office of the Bali Process'),
  organisation('EC', 'European Commission'),
  organisation('EUAA', 'European Union Agency for Asylum'),
  organisation('FRONTEX', 'European Border and Coast Guard Agency (Frontex)'),
  organisation('ICMPD', 'International Centre for Migration Policy Development (BP Secretariat)'),
  organisation('MARRI', 'Migration, Asylum, Refugees Regional Initiative'),
  organisation('UNHCR', 'United Nations High Commissioner for Refugees'),
  // Other participating states
  state('AFG', 'Afghanistan', ['SILK_ROUTES']),
  state('ARM', 'Armenia', ['EASTERN_PARTNERSHIP', 'SOUTH_CAUCASUS']),
  state('BEL', 'Belgium', ['EU', 'WESTERN_EUROPE']),
  state('HRV', 'Croatia', ['SEE', 'EU']),
  state('CYP', 'Cyprus', ['EU']),
  state('DNK', 'Denmark', ['EU']),
  state('EST', 'Estonia', ['EU']),
  state('GEO', 'Georgia', ['EASTERN_PARTNERSHIP', 'SOUTH_CAUCASUS']),
  state('GRC', 'Greece', ['SEE', 'EU']),
  state('IRL', 'Ireland', ['EU', 'WESTERN_EUROPE']),
  state('ITA', 'Italy', ['EU']),
  state('KAZ', 'Kazakhstan', ['CENTRAL_ASIA']),
  state('XKX', 'Kosovo', ['SEE', 'WESTERN_BALKANS']),
  state('KGZ', 'Kyrgyzstan', ['CENTRAL_ASIA']),
  state('LVA', 'Latvia', ['EU']),
  state('LIE', 'Liechtenstein', ['EFTA']),
  state('LTU', 'Lithuania', ['EU']),
  state('LUX', 'Luxembourg', ['EU', 'WESTERN_EUROPE']),
  state('MLT', 'Malta', ['EU']),
  state('MDA', 'Moldova', ['EASTERN_PARTNERSHIP']),
  state('NLD', 'Netherlands', ['EU', 'WESTERN_EUROPE']),
  state('NOR', 'Norway', ['EFTA']),
  state('PRT', 'Portugal', ['EU']),
  state('ROU', 'Romania', ['SEE', 'EU']),
  state('SVK', 'Slovakia', ['EU']),
  state('ESP', 'Spain', ['EU']),
  state('TJK', 'Tajikistan', ['CENTRAL_ASIA']),
  state('TKM', 'Turkmenistan', ['CENTRAL_ASIA']),
  state('UKR', 'Ukraine', ['EASTERN_PARTNERSHIP']),
  state('UZB', 'Uzbekistan', ['CENTRAL_ASIA']),
];

const byCode = new Map(PARTIES.map((party) => [party.code, party]));

export const PARTY_CODES: readonly string[] = PARTIES.map((party) => party.code);

export function findParty(code: string): Party | undefined {
  return byCode.get(code);
}

export function isPartyCode(code: unknown): code is string {
  return typeof code === 'string' && byCode.has(code);
}
