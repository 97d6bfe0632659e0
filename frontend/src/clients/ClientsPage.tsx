import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ClientWhereInput } from '../gql/graphql';
import { useViewer } from '../auth/session';
import { countryName } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { PairMember } from './PairMember';
import { useTitle } from '../layout/title';
import { useUrlText } from '../layout/url';
import { PagedList, useFilterParams, usePage } from '../layout/paging';
import { SortHeader, useSort } from '../layout/sorting';
import type { ClientOrderField } from '../gql/graphql';

export const ClientsQuery = graphql(`
  query Clients($where: ClientWhereInput, $orderBy: [ClientOrder!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    clients(where: $where, first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { node { id name industry city country status accountManager { id name active } operationsManager { id name active } } }
    }
  }
`);

/** The columns the API orders clients by that mean something to a reader. */
const sortable: ClientOrderField[] = ['NAME', 'CITY'];

export function ClientsPage() {
  const { t, locale } = useI18n();
  const viewer = useViewer();
  const page = usePage(50);
  const sort = useSort(page, sortable, { field: 'NAME', direction: 'ASC' });
  const [params, setParams] = useFilterParams(page);
  const search = (params.get('q') ?? '').trim();
  const [q, setQ] = useUrlText(params.get('q') ?? '', (text) => setParams({ q: text }, false));
  // only a pair's managers have clients of their own; a shared link's "mine" means nothing to others
  const canMine = viewer.role === 'ACCOUNT_MANAGER' || viewer.role === 'OPERATIONS_MANAGER';
  const mine = canMine && params.get('mine') === '1';
  const and: ClientWhereInput[] = [];
  // names as the header's search finds them (any case, ё, Latin or Cyrillic), cities as typed
  if (search) and.push({ or: [{ matches: search }, { cityContainsFold: search }] });
  if (mine) and.push({ or: [{ accountManagerID: viewer.id }, { operationsManagerID: viewer.id }] });
  const where = and.length ? { and } : undefined;
  const [res, refetch] = useQuery({ query: ClientsQuery, variables: { where, orderBy: sort.orderBy, ...page.args } });
  useTitle(t('clients.title'));
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('clients.title')}</h1>
        {viewer.can.createClient && <Link className="button primary" to="/clients/new">{t('nav.newClient')}</Link>}
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label className="grow">
          <span>{t('clients.search')}</span>
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        {canMine && (
          <label className="check">
            <input type="checkbox" checked={mine} onChange={(e) => setParams({ mine: e.target.checked ? '1' : null })} />
            {t('clients.mine')}
          </label>
        )}
      </form>
      <PagedList result={res} list={res.data?.clients} page={page} label={t('clients.pages')}
        below={t('page.below', { label: t('clients.pages') })} empty={t('clients.empty')} retry={() => refetch({ requestPolicy: 'network-only' })}>
        {(rows) => (<>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <SortHeader sort={sort} page={page} field="NAME">{t('client.name')}</SortHeader>
                  <SortHeader sort={sort} page={page} field="CITY">{t('client.city')}</SortHeader>
                  <th scope="col">{t('client.status')}</th>
                  <th scope="col">{t('client.am')}</th>
                  <th scope="col">{t('client.om')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.id}>
                    <th scope="row"><Link to={`/clients/${c.id}`}>{c.name}</Link></th>
                    <td>{[c.city, countryName(c.country, locale)].filter(Boolean).join(', ')}</td>
                    <td>{t(`status.${c.status}`)}</td>
                    <td><PairMember m={c.accountManager} /></td>
                    <td><PairMember m={c.operationsManager} /></td>
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

