// How many decided tenders we win: the overall rate as the headline, and
// the rate per quarter with the tenders won and lost behind it.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useI18n } from '../i18n/i18n';
import { Empty } from '../layout/states';
import { ChartBox, inOrder, palette, tick, tooltipStyle } from './Chart';
import { Panel, panelGate, TableWrap } from './Panel';

export const WinRatesQuery = graphql(`
  query WinRates {
    overall: tenderWinRates { won lost withdrawn winRate }
    quarters: tenderWinRates(groupBy: [PERIOD], period: QUARTER) { period periodStart won lost withdrawn winRate }
  }
`);

/** A quarter by its first month ("2026-07"): its year and number. */
export function quarterOf(periodStart: string): { year: number; q: number } {
  const [year, m] = periodStart.split('-').map(Number);
  return { year, q: Math.floor((m - 1) / 3) + 1 };
}

export function WinRate() {
  const { t, number, percent } = useI18n();
  const [q, refetch] = useQuery({ query: WinRatesQuery });
  const title = t('dash.win.title');
  const gate = panelGate(q, () => refetch({ requestPolicy: 'network-only' }));
  if (gate) return <Panel id="win" title={title}>{gate}</Panel>;
  const overall = q.data!.overall[0];
  if (!overall || overall.won + overall.lost + overall.withdrawn === 0) {
    return <Panel id="win" title={title}><Empty>{t('dash.win.empty')}</Empty></Panel>;
  }
  const rate = (r: number | null | undefined) => (r == null ? t('none') : percent(r * 100));
  const label = (periodStart: string | null | undefined, period: string | null | undefined) =>
    periodStart ? t('dash.win.quarterLabel', quarterOf(periodStart)) : period ?? t('none');
  const quarters = q.data!.quarters.map((r) => ({ ...r, label: label(r.periodStart, r.period) }));
  return (
    <Panel id="win" title={title}>
      <p className="hint">{t('dash.win.lead')}</p>
      <dl className="figures">
        <div><dt>{t('dash.win.rate')}</dt><dd data-testid="win-rate">{rate(overall.winRate)}</dd></div>
        <div><dt>{t('dash.win.won')}</dt><dd data-testid="win-won">{number(overall.won)}</dd></div>
        <div><dt>{t('dash.win.lost')}</dt><dd data-testid="win-lost">{number(overall.lost)}</dd></div>
        <div><dt>{t('dash.win.withdrawn')}</dt><dd data-testid="win-withdrawn">{number(overall.withdrawn)}</dd></div>
      </dl>
      {quarters.length > 0 && (
        <>
          <ChartBox height={280} label={t('dash.win.chart', { from: quarters[0].label, to: quarters[quarters.length - 1].label })}>
            <ComposedChart responsive width="100%" height="100%" data={quarters} accessibilityLayer={false} margin={{ top: 8, right: 0, bottom: 0, left: -16 }}>
              <CartesianGrid stroke={palette.grid} vertical={false} />
              <XAxis dataKey="label" tick={tick} tickLine={false} />
              <YAxis yAxisId="n" allowDecimals={false} tick={tick} tickFormatter={(v: number) => number(v)} />
              <YAxis yAxisId="rate" orientation="right" domain={[0, 1]} tick={tick} tickFormatter={(v: number) => percent(v * 100)} width={48} />
              <Tooltip {...tooltipStyle} formatter={(v, name) => (name === t('dash.win.rate') ? rate(Number(v)) : number(Number(v)))} />
              <Legend itemSorter={inOrder('won', 'lost', 'winRate')} />
              <Bar yAxisId="n" dataKey="won" name={t('dash.win.won')} fill={palette.good} isAnimationActive={false} />
              <Bar yAxisId="n" dataKey="lost" name={t('dash.win.lost')} fill={palette.bad} isAnimationActive={false} />
              <Line yAxisId="rate" dataKey="winRate" name={t('dash.win.rate')} stroke={palette.main} strokeWidth={2} connectNulls isAnimationActive={false} />
            </ComposedChart>
          </ChartBox>
          <TableWrap title={title}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dash.win.quarter')}</th>
                  <th scope="col" className="num">{t('dash.win.won')}</th>
                  <th scope="col" className="num">{t('dash.win.lost')}</th>
                  <th scope="col" className="num">{t('dash.win.withdrawn')}</th>
                  <th scope="col" className="num">{t('dash.win.rate')}</th>
                </tr>
              </thead>
              <tbody>
                {[...quarters].reverse().map((r) => (
                  <tr key={r.label} data-testid={`win-${r.period}`}>
                    <th scope="row" className="nowrap">{r.label}</th>
                    <td className="num">{number(r.won)}</td>
                    <td className="num">{number(r.lost)}</td>
                    <td className="num">{number(r.withdrawn)}</td>
                    <td className="num">{rate(r.winRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </Panel>
  );
}
