// The whole audit trail (ADMIN, analysts): every change to every record,
// newest first, filtered by the kind of record, what was done, who did it
// and when, in the viewer's time zone; each entry names its record.
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { AuditAction, AuditEntryWhereInput } from '../gql/graphql';
import { useViewer } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { zonedToUTC } from '../i18n/format';
import { AuditEntries } from '../layout/AuditEntries';
import { PagedList, useFilterParams, usePage } from '../layout/paging';
import { NotAllowed } from '../layout/states';
import { useTitle } from '../layout/title';
import { useUrlText } from '../layout/url';

const TrailQuery = graphql(`
  query Trail($where: AuditEntryWhereInput, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    auditTrail(where: $where, orderBy: [{field: AT, direction: DESC}], first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { node { ...AuditEntryFields } }
    }
  }
`);

/** The kinds of record the trail holds, as the server names them. */
export const recordTypes = ['Client', 'Contact', 'Tender', 'Lane', 'TenderStageChange', 'Shipment', 'ShipmentEvent', 'Carrier', 'Feedback', 'Manager', 'APIToken'];
const actions: AuditAction[] = ['CREATE', 'UPDATE', 'DELETE'];
const day = /^\d{4}-\d{2}-\d{2}$/;

export function AuditPage() {
  const { t, timeZone } = useI18n();
  const viewer = useViewer();
  const page = usePage(50);
  const [params, setParams] = useFilterParams(page);
  const type = recordTypes.find((r) => r === params.get('type')) ?? '';
  const action = actions.find((a) => a === params.get('action')) ?? '';
  const from = day.test(params.get('from') ?? '') ? params.get('from')! : '';
  const to = day.test(params.get('to') ?? '') ? params.get('to')! : '';
  const who = (params.get('who') ?? '').trim();
  const [whoText, setWho] = useUrlText(params.get('who') ?? '', (text) => setParams({ who: text || null }, false));
  const and: AuditEntryWhereInput[] = [];
  if (type) and.push({ recordType: type });
  if (action) and.push({ action });
  if (who) and.push({ hasActorWith: [{ nameContainsFold: who }] });
  // days are the viewer's: from its first moment to the next day's first
  if (from) and.push({ atGTE: zonedToUTC(`${from}T00:00`, timeZone) });
  if (to) {
    const next = new Date(`${to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    and.push({ atLT: zonedToUTC(`${next.toISOString().slice(0, 10)}T00:00`, timeZone) });
  }
  const where = and.length ? { and } : undefined;
  const [res, refetch] = useQuery({ query: TrailQuery, variables: { where, ...page.args }, pause: !viewer.can.readAuditTrail });
  useTitle(t('audit.title'));
  if (!viewer.can.readAuditTrail) return <NotAllowed />;
  return (
    <section className="page">
      <div className="page-head"><h1>{t('audit.title')}</h1></div>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('audit.record')}</span>
          <select value={type} onChange={(e) => setParams({ type: e.target.value || null })}>
            <option value="">{t('audit.anyRecord')}</option>
            {recordTypes.map((r) => <option key={r} value={r}>{t(`record.kind.${r}` as 'record.kind.Client')}</option>)}
          </select>
        </label>
        <label>
          <span>{t('audit.action')}</span>
          <select value={action} onChange={(e) => setParams({ action: e.target.value || null })}>
            <option value="">{t('audit.anyAction')}</option>
            {actions.map((a) => <option key={a} value={a}>{t(`history.action.${a}`)}</option>)}
          </select>
        </label>
        <label>
          <span>{t('audit.who')}</span>
          <input type="search" value={whoText} onChange={(e) => setWho(e.target.value)} />
        </label>
        <label>
          <span>{t('audit.from')}</span>
          <input type="date" value={from} onChange={(e) => setParams({ from: e.target.value || null })} />
        </label>
        <label>
          <span>{t('audit.to')}</span>
          <input type="date" value={to} onChange={(e) => setParams({ to: e.target.value || null })} />
        </label>
      </form>
      <PagedList result={res} list={res.data?.auditTrail} page={page} label={t('audit.pages')}
        below={t('page.below', { label: t('audit.pages') })} empty={t('audit.empty')} retry={() => refetch({ requestPolicy: 'network-only' })}>
        {(entries) => <AuditEntries entries={entries} showRecord />}
      </PagedList>
    </section>
  );
}
