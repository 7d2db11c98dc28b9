import { MIGRATION_ROUTES } from '@bp/reference';

/** The parties of each migration route as `[route, party]` pairs: what SQL joins a route on. */
export type RouteParties = readonly (readonly [string, string])[];

export const ROUTE_PARTIES: RouteParties = MIGRATION_ROUTES.flatMap((route) =>
  route.parties.map((party) => [route.code, party] as const),
);
