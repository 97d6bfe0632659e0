import type { TenderStage } from '../gql/graphql';

/** The pipeline's stages in order; the last three are decisions. */
export const stages: TenderStage[] = ['IDENTIFIED', 'QUALIFYING', 'PREPARING', 'SUBMITTED', 'NEGOTIATION', 'WON', 'LOST', 'WITHDRAWN'];

export const isClosed = (s: TenderStage) => s === 'WON' || s === 'LOST' || s === 'WITHDRAWN';

/** The open stages: a deadline still matters only for these. */
export const openStages = stages.filter((s) => !isClosed(s));

/**
 * The stages the app offers to move a tender to. The server decides each
 * move (ent/rule/tender.go, checkMove); this only spares a person the
 * choices it always refuses: forward only, WON after SUBMITTED, LOST and
 * WITHDRAWN from any open stage, and nothing out of a decided one.
 */
export function targets(from: TenderStage): TenderStage[] {
  if (isClosed(from)) return [];
  const rank = stages.indexOf(from);
  return stages.filter((to) => {
    if (to === from) return false;
    if (to === 'LOST' || to === 'WITHDRAWN') return true;
    if (to === 'WON') return from === 'SUBMITTED' || from === 'NEGOTIATION';
    return stages.indexOf(to) > rank;
  });
}

/** Moves nothing can undo, which the app asks to confirm. */
export const final = (s: TenderStage) => isClosed(s);

/** Days before its deadline an open tender counts as due soon. */
export const dueSoonDays = 7;

export type Urgency = 'overdue' | 'dueSoon' | null;

export function urgency(stage: TenderStage, deadline: string, now = Date.now()): Urgency {
  if (isClosed(stage)) return null;
  const left = new Date(deadline).getTime() - now;
  if (left < 0) return 'overdue';
  if (left <= dueSoonDays * 86_400_000) return 'dueSoon';
  return null;
}
