export const REGIONS = [
  'SEE',
  'WESTERN_BALKANS',
  'SILK_ROUTES',
  'EU',
  'EFTA',
  'EASTERN_PARTNERSHIP',
  'SOUTH_CAUCASUS',
  'CENTRAL_ASIA',
  'WESTERN_EUROPE',
  'INTERNATIONAL',
] as const;
export type Region = (typeof REGIONS)[number];
