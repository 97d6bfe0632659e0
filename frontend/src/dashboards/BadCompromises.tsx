// The manual's bad deal: unhappy clients we earn good money with. The
// server says which margin counts as good (the company's average unless
// asked otherwise); the panel states it, so the list can be judged.
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useI18n } from '../i18n/i18n';
import { Empty } from '../layout/states';
import { Panel, panelGate, TableWrap } from './Panel';

export const BadCompromisesQuery = graphql(`
  query BadCompromises {
    badCompromises {
      minMarginRate
      clients { client { id name } score satisfaction keptPromises margin activity averageScore marginRate unhappy }
    }
  }
`);

export function BadCompromises() {
  const { t, number, percent } = useI18n();
  const [q, refetch] = useQuery({ query: BadCompromisesQuery });
  const title = t('dash.bad.title');
  const gate = panelGate(q, () => refetch({ requestPolicy: 'network-only' }));
  if (gate) return <Panel id="bad" title={title} wide>{gate}</Panel>;
  const { minMarginRate, clients } = q.data!.badCompromises;
  const share = (r: number | null | undefined) => (r == null ? t('none') : percent(r * 100));
  const bar = share(minMarginRate);
  return (
    <Panel id="bad" title={title} wide>
      <p className="hint" data-testid="bad-bar">{t('dash.bad.lead', { rate: bar })}</p>
      {clients.length === 0 ? <Empty>{t('dash.bad.empty', { rate: bar })}</Empty> : (
        <TableWrap title={title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dash.bad.client')}</th>
                <th scope="col" className="num">{t('dash.bad.margin')}</th>
                <th scope="col" className="num">{t('dash.bad.score')}</th>
                <th scope="col" className="num">{t('dash.bad.health')}</th>
                <th scope="col" className="num">{t('dash.bad.kept')}</th>
                <th scope="col" className="num">{t('dash.bad.activity')}</th>
              </tr>
            </thead>
            <tbody>
              {clients.map((h) => (
                <tr key={h.client.id} data-testid={`bad-${h.client.id}`}>
                  {/* every one is unhappy: that is the list */}
                  <th scope="row"><Link to={`/clients/${h.client.id}`}>{h.client.name}</Link></th>
                  <td className="num" data-testid="margin">{share(h.marginRate)}</td>
                  <td className="num" data-testid="score">{h.averageScore == null ? t('none') : t('dash.bad.scoreOf', { score: number(h.averageScore, 1) })}</td>
                  <td className="num" data-testid="health">{h.score == null ? t('none') : t('dash.bad.healthOf', { score: number(h.score) })}</td>
                  <td className="num" data-testid="kept">{share(h.keptPromises)}</td>
                  <td className="num" data-testid="activity">{share(h.activity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Panel>
  );
}
