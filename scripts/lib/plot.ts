import { writeFileSync } from 'node:fs';
import { renderSvg } from '../../graders/grade/outputs/chart';

export interface Series {
  name: string;
  points: { x: number; y: number }[];
}

/** A line chart of one or more series, e.g. training loss and test loss per epoch, saved as SVG. */
export async function saveLineChart(
  file: string,
  series: Series[],
  axes: { x: string; y: string; logY?: boolean; title?: string },
): Promise<void> {
  const svg = await renderSvg({
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
  writeFileSync(file, svg);
}
