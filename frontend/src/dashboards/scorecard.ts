// Which manager's year the scorecard shows, kept in the URL
// (?manager=ID&year=2026) like every other screen's choices, so a scorecard
// can be bookmarked and shared.
import type { ManagerRole } from '../gql/graphql';

export interface ScorecardChoice {
  /** The manager's ID, or empty: none chosen yet. */
  manager: string;
  /** The year; null: this one, as the server counts it. */
  year: number | null;
}

/** The roles that have a year of their own to score. */
export const scoredRoles: ManagerRole[] = ['ACCOUNT_MANAGER', 'OPERATIONS_MANAGER'];

/** The server's bounds for a year (graph/analytics.resolvers.go): none to come. */
const firstYear = 1901;

/** The URL's choice; without one, account and operations managers see their own year. */
export function readScorecard(p: URLSearchParams, viewer: { id: string; role: ManagerRole }): ScorecardChoice {
  const id = p.get('manager') ?? '';
  const raw = p.get('year') ?? '';
  const year = Number(raw);
  return {
    manager: /^\d{1,20}$/.test(id) ? id : scoredRoles.includes(viewer.role) ? viewer.id : '',
    year: /^\d{4}$/.test(raw) && year >= firstYear && year <= new Date().getUTCFullYear() ? year : null,
  };
}

/** The sections of a manager's year to show: their role's, or both while it is not known. */
export function sectionsFor(role: ManagerRole | null | undefined): { account: boolean; operations: boolean } {
  if (role === 'ACCOUNT_MANAGER') return { account: true, operations: false };
  if (role === 'OPERATIONS_MANAGER') return { account: false, operations: true };
  return { account: true, operations: true };
}

/** The years offered: this one and the five before, and the one chosen if it is older or later. */
export function yearChoices(thisYear: number, chosen: number | null): number[] {
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  if (chosen != null && !years.includes(chosen)) years.push(chosen);
  return years.sort((a, b) => b - a);
}
