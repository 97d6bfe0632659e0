// The managers (ADMIN): who works here in which role, what each holds, and
// who has left; a new manager is added here, and each opens to their page.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ManagerOrderField, ManagerRole, ManagerWhereInput } from '../gql/graphql';
import { useViewer } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { PagedList, useFilterParams, usePage } from '../layout/paging';
import { SortHeader, useSort } from '../layout/sorting';
import { NotAllowed } from '../layout/states';
import { useTitle } from '../layout/title';
import { useUrlText } from '../layout/url';
import { ManagerForm, roles } from './ManagerForm';
import { WorkHeld } from './WorkHeld';

const ManagersQuery = graphql(`
  query Managers($where: ManagerWhereInput, $orderBy: [ManagerOrder!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    managers(where: $where, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { node { id name email role active work { clients openTenders unfinishedShipments } } }
    }
  }
`);

const sortable: ManagerOrderField[] = ['NAME', 'EMAIL', 'ROLE'];
const states = ['active', 'left', 'all'] as const;

export function ManagersPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const page = usePage(50);
  const sort = useSort(page, sortable, { field: 'NAME', direction: 'ASC' });
  const [params, setParams] = useFilterParams(page);
  const role = roles.includes(params.get('role') as ManagerRole) ? params.get('role') as ManagerRole : null;
  const state = states.find((s) => s === params.get('state')) ?? 'active';
  const name = params.get('q') ?? '';
  const [q, setQ] = useUrlText(name, (text) => setParams({ q: text || null }, false));
  const where: ManagerWhereInput = {
    ...(role ? { role } : {}), ...(state === 'all' ? {} : { active: state === 'active' }), ...(name.trim() ? { nameContainsFold: name.trim() } : {}),
  };
  const [res, refetch] = useQuery({ query: ManagersQuery, variables: { where, orderBy: sort.orderBy, ...page.args }, pause: !viewer.can.manageManagers });
  useTitle(t('managers.title'));
  if (!viewer.can.manageManagers) return <NotAllowed />;
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('managers.title')}</h1>
        {!adding && <button type="button" className="primary" onClick={() => setAdding(true)}>{t('manager.new')}</button>}
      </div>
      {adding && <ManagerForm manager={null} reload={() => undefined} onDone={(id) => { setAdding(false); if (id) navigate(`/managers/${id}`); }} />}
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('managers.search')}</span>
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <label>
          <span>{t('manager.role')}</span>
          <select value={role ?? ''} onChange={(e) => setParams({ role: e.target.value || null })}>
            <option value="">{t('managers.anyRole')}</option>
            {roles.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        </label>
        <label>
          <span>{t('manager.status')}</span>
          <select value={state} onChange={(e) => setParams({ state: e.target.value === 'active' ? null : e.target.value })}>
            {states.map((s) => <option key={s} value={s}>{t(`managers.state.${s}`)}</option>)}
          </select>
        </label>
      </form>
      <PagedList result={res} list={res.data?.managers} page={page} label={t('managers.pages')}
        below={t('page.below', { label: t('managers.pages') })} empty={t('managers.empty')} retry={() => refetch({ requestPolicy: 'network-only' })}>
        {(rows) => (<>
          <div className="table-wrap">
            <table data-testid="managers">
              <thead>
                <tr>
                  <SortHeader sort={sort} page={page} field="NAME">{t('manager.name')}</SortHeader>
                  <SortHeader sort={sort} page={page} field="EMAIL">{t('manager.email')}</SortHeader>
                  <SortHeader sort={sort} page={page} field="ROLE">{t('manager.role')}</SortHeader>
                  <th scope="col">{t('manager.work')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => (
                  <tr key={m.id}>
                    <th scope="row"><Link to={`/managers/${m.id}`}>{m.name}</Link>{!m.active && <> <span className="badge">{t('manager.left')}</span></>}</th>
                    <td>{m.email}</td>
                    <td>{t(`role.${m.role}`)}</td>
                    <td><WorkHeld work={m.work} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>)}
      </PagedList>
    </section>
  );
}
