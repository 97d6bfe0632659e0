// What the dashboards' charts share. A chart is a picture of a table that
// follows it: screen readers get a one-line summary of the picture (its
// label) and every number from the table, so the SVG itself is left to
// sighted readers (recharts' keyboard layer off: a focusable picture would
// say nothing more than the table).
import type { ReactNode } from 'react';

/**
 * The series' colours: styles.css's own, each at least 4.5:1 on white (they
 * colour the legend's text too), and told apart by the legend, not by
 * colour alone.
 */
export const palette = {
  main: '#0b5cad',
  second: '#7a4b00',
  good: '#1d6b35',
  bad: '#a4161a',
  ink: '#4f5b6a',
  grid: '#cfd6df',
};

/** Axis labels in the muted ink, 7:1 on white. */
export const tick = { fill: palette.ink, fontSize: 12 };

export const tooltipStyle = { contentStyle: { borderColor: palette.grid, borderRadius: 6 }, labelStyle: { color: '#1b2430', fontWeight: 600 } };

/**
 * Keeps a legend in the order the series are drawn (recharts sorts it by
 * name otherwise, which differs by language).
 */
export function inOrder(...keys: string[]) {
  return (item: { dataKey?: unknown }) => keys.indexOf(String(item.dataKey));
}

/** A chart's frame: its size, and its summary for those who do not see it. */
export function ChartBox({ label, height, children, testid }: { label: string; height: number; children: ReactNode; testid?: string }) {
  return (
    <div className="chart" role="img" aria-label={label} style={{ height }} data-testid={testid}>
      {children}
    </div>
  );
}
