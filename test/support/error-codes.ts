import { ERROR_CODE_PATTERN } from '@bp/domain-kernel';

/** A table of error codes as the domains declare them: `{ NOT_FOUND: 'RFI.NOT_FOUND', ... }`. */
export type ErrorCodeTable = Readonly<Record<string, string>>;

/**
 * What is wrong with some code tables, one line per fault (none: all well): every code is
 * AREA.REASON in upper snake case, one table holds one area, its key is the code's reason, and no
 * code is given twice, within a table or across them.
 */
export function faultsOfCodeTables(tables: Readonly<Record<string, ErrorCodeTable>>): string[] {
  const faults: string[] = [];
  const seen = new Map<string, string>();
  for (const [name, table] of Object.entries(tables)) {
    const areas = new Set<string>();
    for (const [key, code] of Object.entries(table)) {
      if (!ERROR_CODE_PATTERN.test(code)) faults.push(`${name}.${key}: ${code} is not AREA.REASON`);
      const [area, reason] = code.split('.');
      areas.add(area ?? '');
      if (reason !== key) faults.push(`${name}.${key}: ${code} does not end in .${key}`);
      const first = seen.get(code);
      if (first) faults.push(`${name}.${key}: ${code} is also ${first}`);
      seen.set(code, `${name}.${key}`);
    }
    if (areas.size > 1) faults.push(`${name} mixes the areas ${[...areas].join(', ')}`);
  }
  return faults;
}
