/** A migration route as an ordered list of party codes, from origin towards destination. */
export interface MigrationRoute {
  code: string;
  name: string;
  parties: readonly string[];
}

export const MIGRATION_ROUTES: readonly MigrationRoute[] = [
  {
    code: 'SILK_ROUTES_WESTERN_BALKANS',
    name: 'Silk Routes to the Western Balkans and Central Europe',
    parties: ['AFG', 'PAK', 'IRN', 'TUR', 'BGR', 'MKD', 'SRB', 'HUN', 'AUT', 'DEU'],
  },
  {
    code: 'BANGLADESH_BALKANS',
    name: 'Bangladesh via the Middle East and the Balkans',
    parties: ['BGD', 'PAK', 'IRN', 'TUR', 'GRC', 'MKD', 'SRB', 'HUN', 'AUT'],
  },
  {
    code: 'IRAQ_COASTAL_BALKANS',
    name: 'Iraq via Türkiye and the coastal Balkan route',
    parties: ['IRQ', 'TUR', 'GRC', 'ALB', 'MNE', 'BIH', 'HRV', 'SVN', 'ITA'],
  },
  {
    code: 'CENTRAL_ASIA_SOUTH_CAUCASUS',
    name: 'Central Asia and the South Caucasus to Türkiye',
    parties: ['TJK', 'UZB', 'TKM', 'AZE', 'GEO', 'TUR'],
  },
];

export function findRoute(code: string): MigrationRoute | undefined {
  return MIGRATION_ROUTES.find((route) => route.code === code);
}
