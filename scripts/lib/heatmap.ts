import { writeFileSync } from 'node:fs';
import { renderSvg } from '../../graders/grade/outputs/chart';

/**
 * A heatmap of a matrix (rows × columns), e.g. attention weights with the target tokens as rows
 * and the source tokens as columns (d2l's show_heatmaps), saved as SVG. Labels may repeat (two
 * "." in a sentence): each cell is placed by its position, the label shown beside it.
 */
export async function saveHeatmap(
  file: string,
  values: number[][],
  labels: { rows: string[]; columns: string[]; x: string; y: string; title?: string },
): Promise<void> {
  const key = (i: number, t: string) => `${String(i + 1).padStart(2, '0')} ${t}`;
  const rows = labels.rows.map((t, i) => key(i, t));
  const columns = labels.columns.map((t, j) => key(j, t));
  const svg = await renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: labels.title,
    width: 28 * columns.length,
    height: 28 * rows.length,
    data: { values: values.flatMap((r, i) => r.map((w, j) => ({ row: rows[i], column: columns[j], weight: w }))) },
    mark: 'rect',
    encoding: {
      x: { field: 'column', type: 'ordinal', sort: columns, title: labels.x, axis: { labelAngle: -45 } },
      y: { field: 'row', type: 'ordinal', sort: rows, title: labels.y },
      color: { field: 'weight', type: 'quantitative', scale: { scheme: 'reds', domain: [0, 1] }, title: 'weight' },
    },
  });
  writeFileSync(file, svg);
}
