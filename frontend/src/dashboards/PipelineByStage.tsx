// The pipeline by stage: how many tenders, their value and their weighted
// value. Money in one currency is never added to another's: the chart
// shows the main currency, the table every currency on its own row.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { TenderStage } from '../gql/graphql';
import { formatCompactMoney } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { Empty } from '../layout/states';
import { stages } from '../pipeline/stages';
import { ChartBox, inOrder, palette, tick, tooltipStyle } from './Chart';
import { Panel, panelGate, TableWrap } from './Panel';

export const PipelineTotalsQuery = graphql(`
  query PipelineTotals {
    tenderTotals { stage currency count value weightedValue }
  }
`);

/** The company's own currency: the chart's, when it has tenders in it. */
export const mainCurrency = 'RUB';

/** The rows in the board's order of stages, the main currency first within a stage. */
export function byStage<T extends { stage: TenderStage; currency: string }>(rows: T[]): T[] {
  const rank = (c: string) => (c === mainCurrency ? '' : c);
  return [...rows].sort((a, b) => stages.indexOf(a.stage) - stages.indexOf(b.stage) || rank(a.currency).localeCompare(rank(b.currency)));
}

export function PipelineByStage() {
  const { t, locale, number, wholeMoney } = useI18n();
  const [q, refetch] = useQuery({ query: PipelineTotalsQuery });
  const title = t('dash.pipeline.title');
  const gate = panelGate(q, () => refetch({ requestPolicy: 'network-only' }));
  if (gate) return <Panel id="pipeline" title={title}>{gate}</Panel>;
  const rows = byStage(q.data!.tenderTotals);
  if (rows.length === 0) return <Panel id="pipeline" title={title}><Empty>{t('dash.pipeline.empty')}</Empty></Panel>;
  // the main currency, or else the one most tenders are in
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.currency, (counts.get(r.currency) ?? 0) + r.count);
  const currency = counts.has(mainCurrency) ? mainCurrency : [...counts].sort((a, b) => b[1] - a[1])[0][0];
  const data = stages.map((stage) => {
    const r = rows.find((x) => x.stage === stage && x.currency === currency);
    return { stage: t(`stage.${stage}`), value: Number(r?.value ?? 0), weighted: Number(r?.weightedValue ?? 0), count: r?.count ?? 0 };
  });
  const compact = (v: number) => formatCompactMoney(v, currency, locale);
  return (
    <Panel id="pipeline" title={title}>
      <p className="hint">{t('dash.pipeline.lead')}</p>
      <h3>{t('dash.pipeline.in', { currency })}</h3>
      <ChartBox height={300} label={t('dash.pipeline.chart', { currency })}>
        <BarChart responsive width="100%" height="100%" data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid stroke={palette.grid} vertical={false} />
          <XAxis dataKey="stage" tick={tick} tickLine={false} interval={0} angle={-30} textAnchor="end" height={70} />
          <YAxis tick={tick} tickFormatter={compact} width={72} />
          <Tooltip {...tooltipStyle} formatter={(v) => compact(Number(v))} />
          <Legend itemSorter={inOrder('value', 'weighted')} />
          <Bar dataKey="value" name={t('dash.pipeline.value')} fill={palette.main} isAnimationActive={false} />
          <Bar dataKey="weighted" name={t('dash.pipeline.weighted')} fill={palette.second} isAnimationActive={false} />
        </BarChart>
      </ChartBox>
      <TableWrap title={title}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('tender.stage')}</th>
              <th scope="col">{t('tender.currency')}</th>
              <th scope="col" className="num">{t('dash.pipeline.count')}</th>
              <th scope="col" className="num">{t('dash.pipeline.value')}</th>
              <th scope="col" className="num">{t('dash.pipeline.weighted')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.stage}-${r.currency}`} data-testid={`pipeline-${r.stage}-${r.currency}`}>
                <th scope="row">{t(`stage.${r.stage}`)}</th>
                <td>{r.currency}</td>
                <td className="num">{number(r.count)}</td>
                {/* to the unit, as the board's totals: kopecks do not tell stages apart */}
                <td className="num">{wholeMoney(r.value, r.currency)}</td>
                <td className="num">{wholeMoney(r.weightedValue, r.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Panel>
  );
}
