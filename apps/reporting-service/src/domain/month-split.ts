/**
 * A half-open window of UTC days [from, to) split for the monthly cells: the whole UTC months
 * inside it, read from cells, and the days before and after them, read from rows. A null bound is
 * open. With no whole month inside, the whole window is an edge.
 */
export interface MonthSplit {
  /** Whole months [fromMonth, toMonth) (first days, UTC); null bounds open; null: none. */
  months: { from: Date | null; to: Date | null } | null;
  /** The partial months at either end, each half-open [from, to). */
  edges: { from: Date | null; to: Date | null }[];
}

/**
 * `lastMonthWhole`: nothing is recorded at or after `to`, so the month `to` falls in counts the same
 * rows whole as up to `to` (today's figures: the rest of this month has not happened yet).
 */
export function splitByMonth(
  from: Date | null,
  to: Date | null,
  lastMonthWhole = false,
): MonthSplit {
  if (to && lastMonthWhole) to = monthStartOnOrAfter(to);
  const firstWhole = from ? monthStartOnOrAfter(from) : null;
  const endWhole = to ? monthStart(to) : null;
  if (firstWhole && endWhole && firstWhole >= endWhole)
    return { months: null, edges: [{ from, to }] };
  const edges: MonthSplit['edges'] = [];
  if (from && firstWhole && from < firstWhole) edges.push({ from, to: firstWhole });
  if (to && endWhole && endWhole < to) edges.push({ from: endWhole, to });
  return { months: { from: firstWhole, to: endWhole }, edges };
}

function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

function monthStartOnOrAfter(at: Date): Date {
  const start = monthStart(at);
  return start.getTime() === at.getTime()
    ? start
    : new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}
