import { HttpException, HttpStatus } from '@nestjs/common';
import { ChartSpec, ValidationFailedError } from '@bp/contracts';

type Renderer = [typeof import('vega'), typeof import('vega-lite')];

// vega and vega-lite are ES modules only, and vega awaits at its top level (vega-canvas looks for
// the optional `canvas` package), so not even Node 24's require() loads it: a real import(), which
// TypeScript keeps as written under `module: node20`. Loaded on the first chart, not at boot.
let renderer: Promise<Renderer> | undefined;

export const ChartErrors = {
  /** More points than a chart drawn on the gateway may have: narrow the window, or ask for CSV. */
  TOO_LARGE: 'CHART.TOO_LARGE',
} as const;

/**
 * Drawing runs on the gateway's event loop, mostly without yielding: about 30 ms for a small
 * chart, a second for 3,600 points. So a chart has at most this many points, and charts are drawn
 * one at a time with a few waiting; more are refused with 503 rather than stall every other call.
 */
export const CHART_LIMITS: ChartLimits = { maxPoints: 1_000, maxWaiting: 4 };

export interface ChartLimits {
  maxPoints: number;
  maxWaiting: number;
}

let drawing: Promise<unknown> = Promise.resolve();
let waiting = 0;

/**
 * The chart as an SVG document, drawn on the server with no canvas: vega escapes every text it
 * writes, so a label from the data cannot become markup.
 */
export async function svgChart(
  spec: ChartSpec,
  limits: ChartLimits = CHART_LIMITS,
): Promise<string> {
  const points = pointsOf(spec);
  if (points > limits.maxPoints)
    throw new ValidationFailedError(
      ChartErrors.TOO_LARGE,
      `This chart would have ${points} points, more than ${limits.maxPoints}: narrow from/to or ` +
        'the filters, or ask for the same figures as text/csv',
    );
  if (waiting >= limits.maxWaiting)
    throw new HttpException(
      'Charts are being drawn for other callers; retry in a moment',
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  waiting += 1;
  const turn = drawing.then(() => draw(spec));
  drawing = turn.catch(() => undefined);
  try {
    return await turn;
  } finally {
    waiting -= 1;
  }
}

async function draw(spec: ChartSpec): Promise<string> {
  renderer ??= Promise.all([import('vega'), import('vega-lite')]);
  const [vega, vegaLite] = await renderer;
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The data values a specification holds inline, its layers' included. */
export function pointsOf(spec: unknown): number {
  if (Array.isArray(spec)) return spec.reduce((sum: number, part) => sum + pointsOf(part), 0);
  if (spec === null || typeof spec !== 'object') return 0;
  const { data, layer } = spec as { data?: { values?: unknown }; layer?: unknown };
  const own = Array.isArray(data?.values) ? data.values.length : 0;
  return own + (layer ? pointsOf(layer) : 0);
}
