// A record's history from the audit trail, newest first, paged: its
// entries as AuditEntries shows them.
import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useI18n } from '../i18n/i18n';
import { nodes } from '../api/nodes';
import { Empty, LoadError, Loading } from './states';
import { Pager, usePage } from './paging';
import { AuditEntries } from './AuditEntries';

const HistoryQuery = graphql(`
  query History($id: ID!, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    auditTrail(where: {recordID: $id}, orderBy: [{field: AT, direction: DESC}], first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { node { ...AuditEntryFields } }
    }
  }
`);

/**
 * version is the record's as the page shows it: a change made meanwhile
 * (by this viewer or, once the page reloads it, anyone) is read again.
 */
export function History({ id, version }: {
  id: string; version?: number;
}) {
  const { t } = useI18n();
  const page = usePage(20, 'history-');
  const [q, refetch] = useQuery({ query: HistoryQuery, variables: { id, ...page.args } });
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    refetch({ requestPolicy: 'network-only' });
  }, [version, refetch]);
  const entries = nodes(q.data?.auditTrail);
  return (
    <section aria-labelledby={`history-${id}`}>
      <h2 id={`history-${id}`}>{t('history.title')} {q.data && <span className="count">{q.data.auditTrail.totalCount}</span>}</h2>
      {q.error && !q.data ? <LoadError error={q.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
        : !q.data ? <Loading />
        : entries.length === 0 ? <Empty>{t('history.none')}</Empty>
        : (<>
          <Pager page={page} total={q.data.auditTrail.totalCount} shown={entries.length} info={q.data.auditTrail.pageInfo} label={t('history.pages')} />
          <AuditEntries entries={entries} />
        </>)}
    </section>
  );
}
