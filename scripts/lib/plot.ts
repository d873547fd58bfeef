import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderSvg } from '../../graders/grade/outputs/chart';

export interface Series {
  name: string;
  points: { x: number; y: number }[];
  /** Lines of one group share a colour (λ = 3, GRU); default: the name. */
  group?: string;
  /** Lines of one style share a dash pattern (train solid, test dashed). */
  style?: string;
  /** A panel of its own, with its own y axis (loss, accuracy). */
  panel?: string;
}

export interface Axes {
  x: string;
  y: string;
  logY?: boolean;
  title?: string;
  /** Order of the legend's groups (default: the order the series come in, not alphabetical). */
  groupOrder?: string[];
}

/**
 * A line chart saved as SVG. Colour tells groups apart and the dash pattern styles within a group
 * (train solid, test dashed), so train and test of one λ pair up; series with a `panel` get a panel
 * each, one above the other, each with its own y axis (loss and accuracy do not share a scale).
 * The legend keeps the order the series come in (λ = 3 before 10).
 */
export async function saveLineChart(file: string, series: Series[], axes: Axes): Promise<void> {
  const groups = axes.groupOrder ?? [...new Set(series.map((s) => s.group ?? s.name))];
  const styles = [...new Set(series.map((s) => s.style ?? ''))];
  const panels = [...new Set(series.map((s) => s.panel ?? ''))];
  const values = series.flatMap((s) =>
    s.points.map((p) => ({ x: p.x, y: p.y, group: s.group ?? s.name, style: s.style ?? '', panel: s.panel ?? '' })),
  );
  const layer = (panel: string) => ({
    width: 480,
    height: panels.length > 1 ? 200 : 300,
    transform: panels.length > 1 ? [{ filter: { field: 'panel', equal: panel } }] : [],
    mark: { type: 'line' as const, point: series.every((s) => s.points.length <= 50) },
    encoding: {
      x: { field: 'x', type: 'quantitative' as const, title: axes.x },
      y: {
        field: 'y',
        type: 'quantitative' as const,
        title: panels.length > 1 ? panel : axes.y,
        scale: axes.logY ? { type: 'log' as const } : { zero: false },
      },
      color: { field: 'group', type: 'nominal' as const, title: null, sort: groups, scale: { domain: groups } },
      ...(styles.length > 1
        ? {
            strokeDash: {
              field: 'style',
              type: 'nominal' as const,
              title: null,
              sort: styles,
              scale: { domain: styles },
            },
          }
        : {}),
      detail: { field: 'style', type: 'nominal' as const },
    },
  });
  const svg = await renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: axes.title,
    data: { values },
    ...(panels.length > 1 ? { vconcat: panels.map(layer), resolve: { scale: { y: 'independent' } } } : layer('')),
  } as Parameters<typeof renderSvg>[0]);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, svg);
}
