// What may be recorded on a shipment, by its status: the server's rules
// (ent/rule/shipment.go, checkEvent), so the form offers only what it
// would accept.
import type { ShipmentEventKind, ShipmentStatus } from '../gql/graphql';

const always: ShipmentEventKind[] = ['CHECKPOINT', 'DELAYED', 'EXCEPTION'];

export function recordable(status: ShipmentStatus, hasCarrier: boolean): ShipmentEventKind[] {
  switch (status) {
    case 'PLANNED':
      return [...(hasCarrier ? ['BOOKED', 'PICKED_UP'] as const : []), ...always, 'CANCELLED'];
    case 'BOOKED':
      return ['PICKED_UP', ...always, 'CANCELLED'];
    case 'IN_TRANSIT':
      return ['DELIVERED', ...always];
    default:
      return [];
  }
}

/** The events that may carry a new estimate of delivery. */
export const setsEstimate = (k: ShipmentEventKind | '') => k === 'DELAYED' || k === 'PICKED_UP' || k === 'CHECKPOINT';
