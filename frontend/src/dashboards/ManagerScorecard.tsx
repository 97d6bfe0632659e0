// A manager's year beside the year before, as the manual judges people: by
// the year, not the day. Account managers by tenders won, new clients and
// regular clients kept; operations managers by shipments run, promises kept
// and their clients' satisfaction.
import { Fragment, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ManagerYearFiguresFragment } from '../gql/graphql';
import { useViewer } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Empty } from '../layout/states';
import { useUrlParams } from '../layout/url';
import { Panel, panelGate, TableWrap } from './Panel';
import { readScorecard, sectionsFor, yearChoices } from './scorecard';

graphql(`
  fragment ManagerYearFigures on ManagerYear {
    year tendersWon wonValue { currency amount } newClients regularAtStart regularKept regularCheckedIn
    shipmentsRun delivered onTime onTimeRate satisfaction feedbackCount
  }
`);

export const ScorecardManagersQuery = graphql(`
  query ScorecardManagers {
    managers(first: 1000, where: {roleIn: [ACCOUNT_MANAGER, OPERATIONS_MANAGER], active: true}, orderBy: [{field: NAME}]) {
      edges { node { id name role } }
    }
  }
`);

export const ManagerScorecardQuery = graphql(`
  query ManagerScorecard($manager: ID!, $year: Int) {
    managerScorecard(managerID: $manager, year: $year) {
      manager { id name role active }
      current { ...ManagerYearFigures }
      previous { ...ManagerYearFigures }
    }
  }
`);

type Year = ManagerYearFiguresFragment;

/** One figure of the year: its label and how a year shows it. */
interface Figure {
  key: string;
  label: MessageKey;
  show(y: Year): ReactNode;
}

export function ManagerScorecard({ thisYear }: { thisYear: number }) {
  const { t, number, percent, money, month } = useI18n();
  const viewer = useViewer();
  const [params, setParams] = useUrlParams();
  const choice = readScorecard(params, viewer);
  const [managers] = useQuery({ query: ScorecardManagersQuery });
  const [q, refetch] = useQuery({
    query: ManagerScorecardQuery, variables: { manager: choice.manager, year: choice.year }, pause: !choice.manager,
  });
  const card = choice.manager ? q.data?.managerScorecard : undefined;
  const options = (managers.data?.managers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  // a manager the list leaves out (one who left, or the URL's) is still named
  if (card && !options.some((m) => m.id === card.manager.id)) options.push(card.manager);
  if (choice.manager && !options.some((m) => m.id === choice.manager) && choice.manager === viewer.id) {
    options.push({ id: viewer.id, name: viewer.name, role: viewer.role });
  }
  const year = choice.year ?? card?.current.year ?? thisYear;

  const account: Figure[] = [
    { key: 'tendersWon', label: 'dash.manager.tendersWon', show: (y) => number(y.tendersWon) },
    {
      key: 'wonValue', label: 'dash.manager.wonValue',
      show: (y) => (y.wonValue.length === 0 ? t('none') : y.wonValue.map((m, i) => <Fragment key={m.currency}>{i > 0 && <br />}{money(m.amount, m.currency)}</Fragment>)),
    },
    { key: 'newClients', label: 'dash.manager.newClients', show: (y) => number(y.newClients) },
    { key: 'regularAtStart', label: 'dash.manager.regularAtStart', show: (y) => number(y.regularAtStart) },
    {
      // the month they were checked in, when there were any to check
      key: 'regularKept', label: 'dash.manager.regularKept',
      show: (y) => (y.regularAtStart === 0 ? number(y.regularKept) : t('dash.manager.keptIn', { n: number(y.regularKept), month: month(y.regularCheckedIn, true) })),
    },
  ];
  const operations: Figure[] = [
    { key: 'shipmentsRun', label: 'dash.manager.shipmentsRun', show: (y) => number(y.shipmentsRun) },
    { key: 'delivered', label: 'dash.manager.delivered', show: (y) => number(y.delivered) },
    { key: 'onTime', label: 'dash.manager.onTime', show: (y) => number(y.onTime) },
    { key: 'onTimeRate', label: 'dash.manager.onTimeRate', show: (y) => (y.onTimeRate == null ? t('none') : percent(y.onTimeRate * 100)) },
    {
      key: 'satisfaction', label: 'dash.manager.satisfaction',
      show: (y) => (y.satisfaction == null ? t('none') : t('dash.manager.satisfactionOf', { score: number(y.satisfaction, 1), n: number(y.feedbackCount) })),
    },
  ];

  const table = (id: string, heading: MessageKey, figures: Figure[], c: { current: Year; previous: Year }) => (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t(heading)}</h3>
      <TableWrap title={t(heading)}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('dash.manager.figure')}</th>
              <th scope="col" className="num">{c.current.year}</th>
              <th scope="col" className="num">{c.previous.year}</th>
            </tr>
          </thead>
          <tbody>
            {figures.map((f) => (
              <tr key={f.key} data-testid={`manager-${f.key}`}>
                <th scope="row">{t(f.label)}</th>
                <td className="num" data-testid="current">{f.show(c.current)}</td>
                <td className="num" data-testid="previous">{f.show(c.previous)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );

  let body: ReactNode;
  if (!choice.manager) body = <Empty>{t('dash.manager.pick')}</Empty>;
  else body = panelGate(q, () => refetch({ requestPolicy: 'network-only' }));
  if (!body && card) {
    const show = sectionsFor(card.manager.role);
    body = (
      <>
        <p className="hint" data-testid="manager-lead">{t('dash.manager.lead', { name: card.manager.name, year: card.current.year, previous: card.previous.year })}</p>
        {show.account && table('manager-account', 'dash.manager.account', account, card)}
        {show.operations && table('manager-operations', 'dash.manager.operations', operations, card)}
      </>
    );
  }
  return (
    <Panel id="manager" title={t('dash.manager.title')}>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('dash.manager.choice')}>
        {/* named by the span alone: a wrapping label would add the chosen option to the name */}
        <label>
          <span id="scorecard-manager">{t('dash.manager.manager')}</span>
          <select aria-labelledby="scorecard-manager" value={choice.manager} onChange={(e) => setParams({ manager: e.target.value })}>
            {!choice.manager && <option value="">{t('dash.manager.choose')}</option>}
            {options.map((m) => <option key={m.id} value={m.id}>{m.name} ({t(`role.${m.role}`)})</option>)}
          </select>
        </label>
        <label>
          <span id="scorecard-year">{t('dash.manager.year')}</span>
          <select aria-labelledby="scorecard-year" value={year} onChange={(e) => setParams({ year: e.target.value })}>
            {yearChoices(thisYear, year).map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
      </form>
      {body}
    </Panel>
  );
}
