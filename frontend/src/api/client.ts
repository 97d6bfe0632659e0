// The GraphQL client: urql with a normalised cache (graphcache), so a record
// edited on one screen shows changed on every other at once. The lists a
// write can change are marked stale here and fetched again; every screen
// also asks the server afresh when it opens (cache-and-network), so a list
// this cannot name (a tender's former client's) is right once it is shown.
import { Client, fetchExchange, mapExchange } from 'urql';
import { cacheExchange, type Cache, type DataFields, type Variables } from '@urql/exchange-graphcache';
import { isUnauthenticated } from './errors';
import { liveExchange } from './live';

/** Marks every cached copy of a field stale, whatever its arguments. */
function invalidateField(cache: Cache, entity: string, field: string) {
  for (const f of cache.inspectFields(entity)) {
    if (f.fieldName === field) cache.invalidate(entity, f.fieldName, f.arguments ?? undefined);
  }
}

function entityOf(result: DataFields, field: string): { __typename: string; id: string } | null {
  const v = result[field] as { __typename?: string; id?: string } | null;
  return v?.__typename && v.id ? { __typename: v.__typename, id: v.id } : null;
}

type Updater = (result: DataFields, args: Variables, cache: Cache) => void;

/** A write that can change which records a root list holds. */
const lists = (...fields: string[]): Updater => (_r, _a, cache) => {
  for (const f of fields) invalidateField(cache, 'Query', f);
};

// Types without an id of their own: graphcache stores them inside their parent.
const embedded = [
  'PageInfo', 'TenderTotal', 'AuditChange', 'TenderChange', 'ShipmentChange', 'ClientChange',
  'TenderConnection', 'TenderEdge', 'ClientConnection', 'ClientEdge', 'ContactConnection', 'ContactEdge',
  'LaneConnection', 'LaneEdge', 'ManagerConnection', 'ManagerEdge', 'TenderStageChangeConnection', 'TenderStageChangeEdge',
  'ShipmentConnection', 'ShipmentEdge', 'ShipmentEventConnection', 'ShipmentEventEdge', 'CarrierConnection', 'CarrierEdge',
  'FeedbackConnection', 'FeedbackEdge', 'CarrierRecord', 'Satisfaction', 'SavedQueryConnection', 'SavedQueryEdge',
  // the analytics' figures: computed per request, owned by whatever asked
  'RegularClientsMonth', 'TenderWinRate', 'CarrierScore', 'ClientHealth', 'BadCompromises',
  'ManagerScorecard', 'ManagerYear', 'Money',
];

// The figures a tender's move changes, besides the board's lists.
const tenderFigures = ['tenders', 'tenderTotals', 'tenderWinRates', 'managerScorecard'];
// The figures a shipment's carrier or status changes.
const shipmentFigures = ['shipments', 'carriers', 'carrierScorecard', 'managerScorecard', 'regularClients', 'badCompromises'];

/**
 * fetch that waits out the server's TOO_MANY_REQUESTS (HTTP 429: this
 * person already runs as many requests as the server gives one at once)
 * for as long as its Retry-After says, and asks again, twice at most: a
 * screen that asks for many things at once may meet that share, and
 * nothing of a refused request ran.
 */
export async function fetchWithRetry(
  input: RequestInfo | URL, init?: RequestInit,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(input, init);
    if (res.status !== 429 || attempt >= 2 || init?.signal?.aborted) return res;
    const after = Number(res.headers.get('Retry-After'));
    await wait(1000 * (Number.isFinite(after) && after > 0 ? Math.min(after, 10) : 1));
  }
}

export function makeClient(onSignedOut: () => void): Client {
  return new Client({
    url: '/graphql',
    fetch: fetchWithRetry,
    fetchOptions: { credentials: 'same-origin' },
    requestPolicy: 'cache-and-network',
    exchanges: [
      mapExchange({
        onError(error) {
          if (isUnauthenticated(error)) onSignedOut();
        },
      }),
      cacheExchange({
        keys: Object.fromEntries(embedded.map((t) => [t, () => null])),
        updates: {
          Mutation: {
            moveTender(result, args, cache) {
              lists(...tenderFigures)(result, args, cache);
              const t = entityOf(result, 'moveTender');
              if (t) invalidateField(cache, cache.keyOfEntity(t)!, 'stageHistory');
            },
            createTender(result, args, cache) {
              lists('tenders', 'tenderTotals')(result, args, cache);
              const t = result.createTender as { client?: { __typename: string; id: string } } | null;
              if (t?.client) invalidateField(cache, cache.keyOfEntity(t.client)!, 'tenders');
            },
            updateTender(result, args, cache) {
              lists('tenders', 'tenderTotals')(result, args, cache);
              const t = result.updateTender as { client?: { __typename: string; id: string } } | null;
              if (t?.client) invalidateField(cache, cache.keyOfEntity(t.client)!, 'tenders');
            },
            // a shipment's carrier or status moves it between the lists and changes carriers' records
            assignCarrier: lists(...shipmentFigures),
            recordShipmentEvent: lists(...shipmentFigures),
            // a manager's year counts the clients they hold now
            reassignClients: lists('clients', 'tenders', 'shipments', 'tenderTotals', 'managerScorecard'),
            saveQuery: lists('savedQueries'),
            deleteSavedQuery: lists('savedQueries'),
            createClient: lists('clients'),
            updateClient: lists('clients'),
            createContact(result, _args, cache) {
              const c = result.createContact as { client?: { __typename: string; id: string } } | null;
              if (c?.client) invalidateField(cache, cache.keyOfEntity(c.client)!, 'contacts');
            },
            createLane(result, _args, cache) {
              const l = result.createLane as { tender?: { __typename: string; id: string } } | null;
              if (l?.tender) invalidateField(cache, cache.keyOfEntity(l.tender)!, 'lanes');
            },
          },
        },
      }),
      fetchExchange,
      liveExchange,
    ],
  });
}
