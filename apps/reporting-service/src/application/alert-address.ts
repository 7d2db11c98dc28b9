import { InputErrors, ValidationFailedError } from '@bp/domain-kernel';
import { MIGRATION_ROUTES, PARTIES, REGIONS, isPartyCode } from '@bp/reference';
import { AlertAddress } from '../domain/alert';

/**
 * The parties an alert's address reaches, from the reference lists: the parties of each route,
 * the members of each region, the parties named. Codes the lists do not know are refused, each
 * by its field.
 */
export function partiesReached(address: AlertAddress): string[] {
  const unknown = [
    ...address.routes.flatMap((code, i) =>
      MIGRATION_ROUTES.some((route) => route.code === code)
        ? []
        : [{ field: `routes[${i}]`, message: `unknown route ${code} (GET /routes)` }],
    ),
    ...address.regions.flatMap((code, i) =>
      (REGIONS as readonly string[]).includes(code)
        ? []
        : [{ field: `regions[${i}]`, message: `unknown region ${code}` }],
    ),
    ...address.parties.flatMap((code, i) =>
      isPartyCode(code)
        ? []
        : [{ field: `parties[${i}]`, message: `unknown party ${code} (GET /parties)` }],
    ),
  ];
  if (unknown.length)
    throw new ValidationFailedError(InputErrors.UNKNOWN_REFERENCE, 'Unknown codes', unknown);
  return [
    ...MIGRATION_ROUTES.filter((route) => address.routes.includes(route.code)).flatMap(
      (route) => route.parties,
    ),
    ...PARTIES.filter((party) =>
      party.regions.some((region) => address.regions.includes(region)),
    ).map((party) => party.code),
    ...address.parties,
  ];
}
