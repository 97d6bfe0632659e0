// A value as the API writes it (an enum's name, an RFC 3339 time), said in
// the viewer's language: the one place the app turns such a value into
// words, for refusals' parameters (api/errors.ts) and a record's history
// (layout/History.tsx).
import { en, type MessageKey } from './messages';

// the fields whose values are an enum's, by the messages that name them
const enumOf: Record<string, string> = {
  stage: 'stage', from: 'stage', to: 'stage', mode: 'mode', role: 'role', want: 'role', kind: 'event', lastKind: 'event',
};

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export interface ValueSpeaker {
  t: (k: MessageKey, v?: Record<string, string>) => string;
  dateTime: (iso: string) => string;
}

/**
 * The value of field as the viewer reads it; statusOf names the messages
 * of a status (a shipment's or a client's). What it does not know is
 * given as it is.
 */
export function sayValue(field: string, value: string, s: ValueSpeaker, statusOf: 'shipmentStatus' | 'status' = 'shipmentStatus'): string {
  const messages = field === 'status' ? statusOf : enumOf[field];
  if (messages) {
    const key = `${messages}.${value}` as MessageKey;
    return key in en ? s.t(key) : value;
  }
  return isoTime.test(value) ? s.dateTime(value) : value;
}
