import type { ChartSpec } from '@bp/contracts';

type Renderer = [typeof import('vega'), typeof import('vega-lite')];

// vega and vega-lite are ES modules only, and vega awaits at its top level (vega-canvas looks for
// the optional `canvas` package), so not even Node 24's require() loads it: a real import(), which
// TypeScript keeps as written under `module: node20`. Loaded on the first chart, not at boot.
let renderer: Promise<Renderer> | undefined;

/**
 * The chart as an SVG document, drawn on the server with no canvas: vega escapes every text it
 * writes, so a label from the data cannot become markup.
 */
export async function svgChart(spec: ChartSpec): Promise<string> {
  renderer ??= Promise.all([import('vega'), import('vega-lite')]);
  const [vega, vegaLite] = await renderer;
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
