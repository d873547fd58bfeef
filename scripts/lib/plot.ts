import { writeFileSync } from 'node:fs';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface Series {
  name: string;
  points: { x: number; y: number }[];
}

/** Renders a Vega-Lite spec to an SVG file (no browser, no canvas). */
export async function saveSvg(file: string, spec: TopLevelSpec): Promise<void> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  writeFileSync(file, await view.toSVG());
}

/** A line chart of one or more series, e.g. training loss and test loss per epoch, saved as SVG. */
export async function saveLineChart(file: string, series: Series[], axes: { x: string; y: string; logY?: boolean; title?: string }): Promise<void> {
  await saveSvg(file, {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: axes.title,
    width: 480,
    height: 300,
    data: { values: series.flatMap((s) => s.points.map((p) => ({ x: p.x, y: p.y, series: s.name }))) },
    mark: { type: 'line', point: series.every((s) => s.points.length <= 50) },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: axes.x },
      y: { field: 'y', type: 'quantitative', title: axes.y, scale: axes.logY ? { type: 'log' } : { zero: false } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  });
}
