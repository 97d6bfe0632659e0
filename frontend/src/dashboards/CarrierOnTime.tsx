// Which carriers keep our promises: the on-time rate of each over the last
// 12 months, best first, with the shipments, delays and exceptions behind it.
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useI18n } from '../i18n/i18n';
import { Empty } from '../layout/states';
import { ChartBox, palette, tick, tooltipStyle } from './Chart';
import { Panel, panelGate, TableWrap } from './Panel';

export const CarrierScorecardQuery = graphql(`
  query CarrierScorecard($from: Time!, $to: Time!) {
    carrierScorecard(from: $from, to: $to) {
      carrier { id name }
      shipments delivered onTime onTimeRate averageDelayHours exceptions
    }
  }
`);

/** Best on-time rate first; carriers that delivered nothing (no rate) last; then by name. */
export function byOnTimeRate<T extends { onTimeRate?: number | null; carrier?: { name: string } | null }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => {
    const ra = a.onTimeRate ?? -1, rb = b.onTimeRate ?? -1;
    return rb - ra || (a.carrier?.name ?? '').localeCompare(b.carrier?.name ?? '');
  });
}

export function CarrierOnTime({ from, to, first, last }: { from: string; to: string; first: string; last: string }) {
  const { t, number, percent, month } = useI18n();
  const [q, refetch] = useQuery({ query: CarrierScorecardQuery, variables: { from, to } });
  const title = t('dash.carriers.title');
  const gate = panelGate(q, () => refetch({ requestPolicy: 'network-only' }));
  if (gate) return <Panel id="carriers" title={title} wide>{gate}</Panel>;
  const rows = byOnTimeRate(q.data!.carrierScorecard.filter((r) => r.carrier));
  const lead = <p className="hint">{t('dash.carriers.lead', { from: month(first), to: month(last) })}</p>;
  if (rows.length === 0) return <Panel id="carriers" title={title} wide>{lead}<Empty>{t('dash.carriers.empty')}</Empty></Panel>;
  const rate = (r: number | null | undefined) => (r == null ? t('none') : percent(r * 100));
  const rated = rows.filter((r) => r.onTimeRate != null).map((r) => ({ name: r.carrier!.name, rate: r.onTimeRate! }));
  return (
    <Panel id="carriers" title={title} wide>
      {lead}
      {rated.length > 0 && (
        <ChartBox height={rated.length * 28 + 40} label={t('dash.carriers.chart', {
          best: `${rated[0].name}, ${rate(rated[0].rate)}`, worst: `${rated[rated.length - 1].name}, ${rate(rated[rated.length - 1].rate)}`,
        })}>
          <BarChart responsive width="100%" height="100%" data={rated} layout="vertical" accessibilityLayer={false} margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={palette.grid} horizontal={false} />
            <XAxis type="number" domain={[0, 1]} tick={tick} tickFormatter={(v: number) => percent(v * 100)} />
            <YAxis type="category" dataKey="name" tick={tick} width="auto" interval={0} />
            <Tooltip {...tooltipStyle} formatter={(v) => rate(Number(v))} />
            <Bar dataKey="rate" name={t('dash.carriers.rate')} fill={palette.main} isAnimationActive={false} />
          </BarChart>
        </ChartBox>
      )}
      <TableWrap title={title}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('dash.carriers.carrier')}</th>
              <th scope="col" className="num">{t('dash.carriers.rate')}</th>
              <th scope="col" className="num">{t('dash.carriers.shipments')}</th>
              <th scope="col" className="num">{t('dash.carriers.delivered')}</th>
              <th scope="col" className="num">{t('dash.carriers.onTime')}</th>
              <th scope="col" className="num">{t('dash.carriers.delay')}</th>
              <th scope="col" className="num">{t('dash.carriers.exceptions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.carrier!.id} data-testid={`carrier-${r.carrier!.id}`}>
                <th scope="row"><Link to={`/carriers/${r.carrier!.id}`}>{r.carrier!.name}</Link></th>
                <td className="num" data-testid="rate">{rate(r.onTimeRate)}</td>
                <td className="num" data-testid="shipments">{number(r.shipments)}</td>
                <td className="num" data-testid="delivered">{number(r.delivered)}</td>
                <td className="num" data-testid="on-time">{number(r.onTime)}</td>
                <td className="num" data-testid="delay">{r.averageDelayHours == null ? t('none') : number(r.averageDelayHours, 1)}</td>
                <td className="num" data-testid="exceptions">{number(r.exceptions)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Panel>
  );
}
