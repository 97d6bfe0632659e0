import type { TenderStage } from '../gql/graphql';
import { endOfDayIn } from '../i18n/format';

/** The pipeline's stages in order; the last three are decisions. */
export const stages: TenderStage[] = ['IDENTIFIED', 'QUALIFYING', 'PREPARING', 'SUBMITTED', 'NEGOTIATION', 'WON', 'LOST', 'WITHDRAWN'];

export const isClosed = (s: TenderStage) => s === 'WON' || s === 'LOST' || s === 'WITHDRAWN';

/** The open stages: a deadline still matters only for these. */
export const openStages = stages.filter((s) => !isClosed(s));

/** Days before its deadline an open tender counts as due soon. */
export const dueSoonDays = 7;

export type Urgency = 'overdue' | 'dueSoon' | null;

/** "Now", and the end of the due-soon window, made once for a whole list. */
export interface Clock {
  now: number;
  soonUntil: number;
}

/**
 * The clock for urgency: due soon lasts until the end of the day
 * dueSoonDays from today in the viewer's time zone, as the board's
 * "deadline within 7 days" filter counts. Finding that day costs an Intl
 * call, so a list makes its clock once, not once per card.
 */
export function urgencyClock(timeZone: string, now = Date.now()): Clock {
  return { now, soonUntil: Date.parse(endOfDayIn(dueSoonDays, timeZone, now)) };
}

/** Overdue once the deadline passed; due soon within the clock's window. */
export function urgency(stage: TenderStage, deadline: string, clock: Clock): Urgency {
  if (isClosed(stage)) return null;
  const at = new Date(deadline).getTime();
  if (at < clock.now) return 'overdue';
  if (at <= clock.soonUntil) return 'dueSoon';
  return null;
}
