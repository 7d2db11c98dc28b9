/** The width of every statistics chart, axes and legend included: it pastes into a report as is. */
export const CHART_WIDTH = 640;

/**
 * What every statistics chart carries: its fixed width, a title saying what it shows and a
 * subtitle saying which days or months it counts (the answer's window, all time when unbounded).
 */
export function chartFrame(title: string, window: { from: string | null; to: string | null }) {
  return {
    width: CHART_WIDTH,
    autosize: { type: 'fit-x', contains: 'padding' },
    title: { text: title, subtitle: windowText(window.from, window.to), anchor: 'start' },
    // Codes are read whole (TRAFFICKING_IN_HUMAN_BEINGS): the plot narrows instead.
    config: { axis: { labelLimit: 0 }, legend: { labelLimit: 0 } },
  } as const;
}

function windowText(from: string | null, to: string | null): string {
  if (from && to) return `${from} – ${to} (UTC)`;
  if (from) return `from ${from} (UTC)`;
  if (to) return `until ${to} (UTC)`;
  return 'all time';
}

/**
 * The height of a chart with a band per row (a number, not a step: Vega-Lite warns that it drops
 * its fit to the width when the height is a step, though the width is all it fits).
 */
export const bandsHeight = (rows: number, perRow: number): number => Math.max(1, rows) * perRow;

/** Counts are whole: no axis tick between 0 and 1. */
export const COUNT_AXIS = { tickMinStep: 1, format: 'd' } as const;
