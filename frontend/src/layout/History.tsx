// A record's history from the audit trail: who (by name), when (in the
// viewer's zone), what they did, and each field before → after with the
// app's own labels and values (names for IDs, stages and statuses by name,
// times formatted), newest first, paged.
import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { en, type MessageKey } from '../i18n/messages';
import { useI18n } from '../i18n/i18n';
import { nodes } from '../api/nodes';
import { Empty, LoadError, Loading } from './states';
import { Pager, usePage } from './paging';
import { sayValue } from '../i18n/values';

const HistoryQuery = graphql(`
  query History($id: ID!, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    auditTrail(where: {recordID: $id}, orderBy: [{field: AT, direction: DESC}], first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { node { id at operation action actor { id name } changes { field before after } } }
    }
  }
`);

const NamesQuery = graphql(`
  query HistoryNames($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Client { id name }
      ... on Manager { id name }
      ... on Carrier { id name }
      ... on Tender { id reference }
      ... on Shipment { id reference }
    }
  }
`);

const isID = (field: string) => /ID$/.test(field);

/**
 * version is the record's as the page shows it: a change made meanwhile
 * (by this viewer or, once the page reloads it, anyone) is read again.
 */
export function History({ id, recordType, version }: {
  id: string; recordType: 'Client' | 'Tender' | 'Shipment' | 'Carrier'; version?: number;
}) {
  const { t, dateTime, plural } = useI18n();
  const page = usePage(20, 'history-');
  const [q, refetch] = useQuery({ query: HistoryQuery, variables: { id, ...page.args } });
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    refetch({ requestPolicy: 'network-only' });
  }, [version, refetch]);
  const entries = nodes(q.data?.auditTrail);
  const ids = [...new Set(entries.flatMap((e) => e.changes.filter((c) => isID(c.field)).flatMap((c) => [c.before, c.after])).filter((v): v is string => !!v))];
  const [names] = useQuery({ query: NamesQuery, variables: { ids }, pause: ids.length === 0 });
  const nameOf = new Map<string, string>();
  for (const n of names.data?.nodes ?? []) {
    if (!n) continue;
    if ('name' in n && n.name) nameOf.set(n.id, n.name);
    if ('reference' in n && n.reference) nameOf.set(n.id, n.reference);
  }
  const label = (field: string) => {
    const key = `field.${field}` as MessageKey;
    return key in en ? t(key) : field.replace(/ID$/, '').replace(/([A-Z])/g, ' $1').toLowerCase();
  };
  const value = (field: string, v: string | null | undefined) => {
    if (v == null || v === '') return t('history.empty');
    if (isID(field)) return nameOf.get(v) ?? t('history.someRecord');
    if (field === 'modes') {
      try {
        return (JSON.parse(v) as string[]).map((m) => t(`mode.${m}` as MessageKey)).join(', ');
      } catch { return v; }
    }
    if (v === 'true') return t('history.yes');
    if (v === 'false') return t('history.no');
    return sayValue(field, v, { t, dateTime }, recordType === 'Shipment' ? 'shipmentStatus' : 'status');
  };
  return (
    <section aria-labelledby={`history-${id}`}>
      <h2 id={`history-${id}`}>{t('history.title')} {q.data && <span className="count">{q.data.auditTrail.totalCount}</span>}</h2>
      {q.error && !q.data ? <LoadError error={q.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
        : !q.data ? <Loading />
        : entries.length === 0 ? <Empty>{t('history.none')}</Empty>
        : (<>
          <Pager page={page} total={q.data.auditTrail.totalCount} shown={entries.length} info={q.data.auditTrail.pageInfo} label={t('history.pages')} />
          <ol className="history timeline" data-testid="record-history">
            {entries.map((e) => {
              const changes = e.changes.filter((c) => c.field !== 'version');
              return (
                <li key={e.id}>
                  <strong>{e.actor?.name ?? t('history.server')}</strong>{' · '}
                  <time dateTime={e.at}>{dateTime(e.at)}</time>{' · '}
                  {t(`history.action.${e.action}` as MessageKey)}
                  {e.action !== 'CREATE' && changes.length > 0 && <> · {plural('history.fields', changes.length).replace('{n}', String(changes.length))}</>}
                  {e.action !== 'CREATE' && (
                    <ul className="changes">
                      {changes.map((c) => (
                        <li key={c.field}>{label(c.field)}: <del>{value(c.field, c.before)}</del> → <ins>{value(c.field, c.after)}</ins></li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ol>
        </>)}
    </section>
  );
}
