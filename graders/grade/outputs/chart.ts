import type { TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite chart to SVG text, headless (no browser, no canvas). Vega is an ES module
 * with top-level await, which require() cannot load: it is imported on first use.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  return new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' }).toSVG();
}
