// The periods the dashboards ask for. The API counts months in UTC
// ("2026-11"), so these do too: a viewer in Moscow and the server agree on
// which month it is but for the first three hours of each month.

/** The UTC month of an instant, as the API writes months. */
export function monthOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month n months after another (before it, for a negative n). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  return monthOf(Date.UTC(y, m - 1 + n, 1));
}

/** A month's first instant, as the API's Time. */
export function monthStart(month: string): string {
  return `${month}-01T00:00:00Z`;
}

/**
 * The months the regular clients chart shows: this one and the 12 before,
 * so that this month can be set against the same month a year ago.
 */
export function regularMonths(now: number): { from: string; to: string } {
  const m = monthOf(now);
  return { from: addMonths(m, -12), to: m };
}

/**
 * The carrier scorecard's window: shipments with a planned pickup in the
 * last 12 calendar months, this one included (the months the regular
 * clients chart ends with); later pickups have had no chance to be late.
 */
export function scorecardWindow(now: number): { from: string; to: string; first: string; last: string } {
  const last = monthOf(now);
  const first = addMonths(last, -11);
  return { from: monthStart(first), to: monthStart(addMonths(last, 1)), first, last };
}

/** A change against an earlier figure: its size and direction. */
export interface Change {
  was: number;
  month: string;
  delta: number;
}

/** What the regular clients did: the latest month against the month before and a year before. */
export interface RegularTrend {
  month: string;
  count: number;
  monthBefore: Change | null;
  yearBefore: Change | null;
  /** Month-to-month steps in which the count grew, of all steps shown. */
  grew: number;
  steps: number;
}

export function regularTrend(rows: { month: string; count: number }[]): RegularTrend | null {
  const latest = rows[rows.length - 1];
  if (!latest) return null;
  const against = (month: string): Change | null => {
    const r = rows.find((x) => x.month === month);
    return r ? { was: r.count, month, delta: latest.count - r.count } : null;
  };
  let grew = 0;
  for (let i = 1; i < rows.length; i++) if (rows[i].count > rows[i - 1].count) grew++;
  return {
    month: latest.month,
    count: latest.count,
    monthBefore: against(addMonths(latest.month, -1)),
    yearBefore: against(addMonths(latest.month, -12)),
    grew,
    steps: Math.max(0, rows.length - 1),
  };
}
