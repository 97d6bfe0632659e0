// The board's filters live in the URL (?mine=1&client=ID&due=14&q=text),
// so a filtered board can be bookmarked, shared and reloaded.
import type { TenderStage, TenderWhereInput } from '../gql/graphql';
import { endOfDayIn } from '../i18n/format';
import { openStages } from './stages';

export interface Filters {
  mine: boolean;
  client: string;
  /**
   * Open tenders whose deadline is within this many days from today, overdue
   * ones included; 0: any. A decided tender has no deadline left to meet.
   */
  due: number;
  q: string;
}

export const dueChoices = [7, 14, 30, 90];

export function readFilters(p: URLSearchParams): Filters {
  const due = Number(p.get('due'));
  return {
    mine: p.get('mine') === '1',
    // IDs are numbers; anything else in a link names no client
    client: /^\d{1,20}$/.test(p.get('client') ?? '') ? p.get('client')! : '',
    due: Number.isInteger(due) && due > 0 && due <= 3650 ? due : 0,
    q: (p.get('q') ?? '').slice(0, 200),
  };
}

export function writeFilters(f: Filters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.mine) p.set('mine', '1');
  if (f.client) p.set('client', f.client);
  if (f.due) p.set('due', String(f.due));
  if (f.q.trim()) p.set('q', f.q);
  return p;
}

export const noFilters = (f: Filters) => !f.mine && !f.client && !f.due && !f.q.trim();

/** The server's filter for the board's filters; `now` fixes "today". */
export function toWhere(f: Filters, viewerID: string, timeZone: string, now = Date.now()): TenderWhereInput {
  const and: TenderWhereInput[] = [];
  if (f.mine) and.push({ ownerID: viewerID });
  if (f.client) and.push({ clientID: f.client });
  if (f.due) and.push({ submissionDeadlineLTE: endOfDayIn(f.due, timeZone, now), stageIn: openStages });
  const q = f.q.trim();
  if (q) {
    and.push({
      // as the header's search finds them: any case, ё, Latin or Cyrillic
      or: [{ matches: q }, { hasClientWith: [{ matches: q }] }],
    });
  }
  return and.length === 0 ? {} : and.length === 1 ? and[0] : { and };
}

/** The filter of one column. */
export function inStage(where: TenderWhereInput, stage: TenderStage): TenderWhereInput {
  return Object.keys(where).length === 0 ? { stage } : { and: [where, { stage }] };
}
