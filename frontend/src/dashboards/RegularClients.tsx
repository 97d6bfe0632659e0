// The manual's headline: regular clients growing every month. The count per
// month with the clients who became regular and those who stopped, and this
// month against the month before and the same month a year ago.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Empty } from '../layout/states';
import { ChartBox, inOrder, palette, tick, tooltipStyle } from './Chart';
import { regularTrend, type Change } from './months';
import { Panel, panelGate, TableWrap } from './Panel';

export const RegularClientsQuery = graphql(`
  query RegularClients($from: Month!, $to: Month!) {
    regularClients(from: $from, to: $to) { month count newlyRegular noLongerRegular }
  }
`);

export function RegularClients({ from, to }: { from: string; to: string }) {
  const { t, number, month } = useI18n();
  const [q, refetch] = useQuery({ query: RegularClientsQuery, variables: { from, to } });
  const title = t('dash.regular.title');
  const gate = panelGate(q, () => refetch({ requestPolicy: 'network-only' }));
  if (gate) return <Panel id="regular" title={title}>{gate}</Panel>;
  const rows = q.data!.regularClients;
  const trend = regularTrend(rows);
  if (!trend || rows.every((r) => r.count === 0 && r.newlyRegular === 0 && r.noLongerRegular === 0)) {
    return <Panel id="regular" title={title}><Empty>{t('dash.regular.empty')}</Empty></Panel>;
  }
  const change = (c: Change, key: MessageKey, testid: string) => {
    const word = c.delta > 0 ? t('dash.change.up', { n: number(c.delta) }) : c.delta < 0 ? t('dash.change.down', { n: number(-c.delta) }) : t('dash.change.flat');
    return (
      <p data-testid={testid}>
        {t(key, { month: month(c.month), n: number(c.was) })}{' '}
        <span className={c.delta > 0 ? 'trend up' : c.delta < 0 ? 'trend down' : 'trend'}>{word}</span>
      </p>
    );
  };
  const data = rows.map((r) => ({ ...r, label: month(r.month, true) }));
  return (
    <Panel id="regular" title={title}>
      <p className="hint">{t('dash.regular.lead')}</p>
      <dl className="figures">
        <div><dt>{t('dash.regular.now', { month: month(trend.month) })}</dt><dd data-testid="regular-now">{number(trend.count)}</dd></div>
      </dl>
      <div className="trends">
        {trend.yearBefore && change(trend.yearBefore, 'dash.regular.yearBefore', 'regular-year')}
        {trend.monthBefore && change(trend.monthBefore, 'dash.regular.monthBefore', 'regular-month')}
        {trend.steps > 0 && <p data-testid="regular-grew">{t('dash.regular.grew', { k: number(trend.grew), n: number(trend.steps) })}</p>}
      </div>
      <ChartBox height={280} label={t('dash.regular.chart', {
        from: month(rows[0].month), to: month(trend.month), first: number(rows[0].count), last: number(trend.count),
      })}>
        <ComposedChart responsive width="100%" height="100%" data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid stroke={palette.grid} vertical={false} />
          <XAxis dataKey="label" tick={tick} tickLine={false} />
          <YAxis allowDecimals={false} tick={tick} tickFormatter={(v: number) => number(v)} />
          <Tooltip {...tooltipStyle} formatter={(v) => number(Number(v))} />
          <Legend itemSorter={inOrder('count', 'newlyRegular', 'noLongerRegular')} />
          <Bar dataKey="count" name={t('dash.regular.count')} fill={palette.main} isAnimationActive={false} />
          <Line dataKey="newlyRegular" name={t('dash.regular.newly')} stroke={palette.good} strokeWidth={2} isAnimationActive={false} />
          <Line dataKey="noLongerRegular" name={t('dash.regular.noLonger')} stroke={palette.bad} strokeWidth={2} strokeDasharray="5 3" isAnimationActive={false} />
        </ComposedChart>
      </ChartBox>
      <TableWrap title={title}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('dash.regular.month')}</th>
              <th scope="col" className="num">{t('dash.regular.count')}</th>
              <th scope="col" className="num">{t('dash.regular.newly')}</th>
              <th scope="col" className="num">{t('dash.regular.noLonger')}</th>
            </tr>
          </thead>
          <tbody>
            {[...rows].reverse().map((r) => (
              <tr key={r.month} data-testid={`regular-${r.month}`}>
                <th scope="row" className="nowrap">{month(r.month)}</th>
                <td className="num">{number(r.count)}</td>
                <td className="num">{number(r.newlyRegular)}</td>
                <td className="num">{number(r.noLongerRegular)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Panel>
  );
}
