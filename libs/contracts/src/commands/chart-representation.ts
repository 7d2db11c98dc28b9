// A type only: the contracts describe a chart as data and never load vega-lite, which the gateway
// alone runs (the import is erased from the compiled library).
import type { TopLevelSpec } from 'vega-lite';

/** A Vega-Lite specification (https://vega.github.io/vega-lite/): plain JSON, data inline. */
export type ChartSpec = TopLevelSpec;

/**
 * A chart of one command's answer, made from the answer alone: it can show no more than the caller
 * may read as JSON (need to know), and its text is data to the renderer, never markup.
 */
export type ChartRepresentation = (answer: never) => ChartSpec;
