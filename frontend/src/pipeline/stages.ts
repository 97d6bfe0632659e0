import type { TenderStage } from '../gql/graphql';

/** The pipeline's stages in order; the last three are decisions. */
export const stages: TenderStage[] = ['IDENTIFIED', 'QUALIFYING', 'PREPARING', 'SUBMITTED', 'NEGOTIATION', 'WON', 'LOST', 'WITHDRAWN'];

export const isClosed = (s: TenderStage) => s === 'WON' || s === 'LOST' || s === 'WITHDRAWN';

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
