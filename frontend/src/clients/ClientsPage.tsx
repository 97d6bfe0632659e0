import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ClientWhereInput } from '../gql/graphql';
import { may, useViewer } from '../auth/session';
import { countryName } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { PairMember } from './PairMember';
import { useTitle } from '../layout/title';
import { useUrlParams, useUrlText } from '../layout/url';
import { Empty, LoadError, Loading } from '../layout/states';
import { nodes } from '../api/nodes';

export const ClientsQuery = graphql(`
  query Clients($where: ClientWhereInput, $first: Int!) {
    clients(where: $where, first: $first, orderBy: [{field: NAME}]) {
      totalCount
      edges { node { id name industry city country status accountManager { id name active } operationsManager { id name active } } }
    }
  }
`);

export function ClientsPage() {
  const { t, locale } = useI18n();
  const viewer = useViewer();
  const [params, setParams] = useUrlParams();
  const search = (params.get('q') ?? '').trim();
  const [q, setQ] = useUrlText(params.get('q') ?? '', (text) => setParams({ q: text }, false));
  // only a pair's managers have clients of their own; a shared link's "mine" means nothing to others
  const canMine = viewer.role === 'ACCOUNT_MANAGER' || viewer.role === 'OPERATIONS_MANAGER';
  const mine = canMine && params.get('mine') === '1';
  const and: ClientWhereInput[] = [];
  if (search) and.push({ or: [{ nameContainsFold: search }, { cityContainsFold: search }] });
  if (mine) and.push({ or: [{ accountManagerID: viewer.id }, { operationsManagerID: viewer.id }] });
  const where = and.length ? { and } : undefined;
  const [res, refetch] = useQuery({ query: ClientsQuery, variables: { where, first: 200 } });
  useTitle(t('clients.title'));
  const rows = nodes(res.data?.clients);
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('clients.title')}</h1>
        {may(viewer).createClient && <Link className="button primary" to="/clients/new">{t('nav.newClient')}</Link>}
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
      {res.error && !res.data ? <LoadError error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
        : !res.data ? <Loading />
        : rows.length === 0 ? <Empty>{t('clients.empty')}</Empty>
        : (
          <>
          {res.data.clients.totalCount > rows.length && <p className="hint">{t('clients.more', { shown: rows.length, total: res.data.clients.totalCount })}</p>}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('client.name')}</th>
                  <th scope="col">{t('client.city')}</th>
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
          </>
        )}
    </section>
  );
}

