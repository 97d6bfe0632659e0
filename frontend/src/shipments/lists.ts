// The operations managers' three lists of shipments and their filters, all
// kept in the URL (?list=late&mine=1&client=ID&mode=ROAD&from=&to=), so a
// list can be bookmarked, shared and reloaded.
import type { ShipmentOrder, ShipmentWhereInput, TransportMode } from '../gql/graphql';

export type ListName = 'needs-carrier' | 'in-transit' | 'late';
export const listNames: ListName[] = ['needs-carrier', 'in-transit', 'late'];
export const modes: TransportMode[] = ['ROAD', 'RAIL', 'SEA', 'AIR', 'MULTIMODAL'];

export interface ShipmentFilters {
  list: ListName;
  mine: boolean;
  client: string;
  mode: TransportMode | '';
  /** The lane: words of its origin and destination. */
  from: string;
  to: string;
}

/** The filters a URL names; an operations manager sees their own unless they ask for all. */
export function readShipmentFilters(p: URLSearchParams, role: string): ShipmentFilters {
  const list = p.get('list') as ListName;
  const mode = p.get('mode') as TransportMode;
  return {
    list: listNames.includes(list) ? list : 'needs-carrier',
    mine: p.has('mine') ? p.get('mine') === '1' : role === 'OPERATIONS_MANAGER',
    client: /^\d{1,20}$/.test(p.get('client') ?? '') ? p.get('client')! : '',
    mode: modes.includes(mode) ? mode : '',
    from: (p.get('from') ?? '').trim().slice(0, 200),
    to: (p.get('to') ?? '').trim().slice(0, 200),
  };
}

const unfinished = ['PLANNED', 'BOOKED', 'IN_TRANSIT'] as const;

/**
 * What each list holds, and in which order: a carrier is needed soonest
 * for the soonest pickup; shipments on the road and late ones come by when
 * they are due. A delivered or cancelled shipment is in none of them.
 */
export const listRules: Record<ListName, { where: ShipmentWhereInput; orderBy: ShipmentOrder[] }> = {
  'needs-carrier': {
    where: { status: 'PLANNED', carrierIDIsNil: true },
    orderBy: [{ field: 'PLANNED_PICKUP', direction: 'ASC' }],
  },
  'in-transit': {
    where: { status: 'IN_TRANSIT' },
    orderBy: [{ field: 'PLANNED_DELIVERY', direction: 'ASC' }],
  },
  late: {
    where: { isLate: true, statusIn: [...unfinished] },
    orderBy: [{ field: 'PLANNED_DELIVERY', direction: 'ASC' }],
  },
};

/** The filter of one list, narrowed by the screen's choices. */
export function shipmentWhere(list: ListName, f: ShipmentFilters, viewerID: string): ShipmentWhereInput {
  const and: ShipmentWhereInput[] = [listRules[list].where];
  if (f.mine) and.push({ operationsManagerID: viewerID });
  if (f.client) and.push({ clientID: f.client });
  if (f.mode) and.push({ mode: f.mode });
  if (f.from) and.push({ originContainsFold: f.from });
  if (f.to) and.push({ destinationContainsFold: f.to });
  return and.length === 1 ? and[0] : { and };
}

/**
 * How a shipment stands against its plan, told apart: one delivered after
 * its planned delivery was delivered late; one still under way and due
 * past it is late; anything else is neither (isLate says only "after the
 * plan", whatever the status).
 */
export function lateness(s: { status: string; isLate: boolean }): 'deliveredLate' | 'late' | null {
  if (!s.isLate) return null;
  if (s.status === 'DELIVERED') return 'deliveredLate';
  return s.status === 'CANCELLED' ? null : 'late';
}
