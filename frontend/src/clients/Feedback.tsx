// A client's feedback: its level and trend (the last 90 days against the 90
// before, from the server), the scores over time, and what they said.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { Empty } from '../layout/states';

interface Item { id: string; score: number; comment: string; receivedAt: string }

/** The scores as a small line, oldest on the left: the trend at a glance. */
export function ScoreLine({ items }: { items: Item[] }) {
  const { t } = useI18n();
  const points = [...items].reverse();
  if (points.length < 2) return null;
  const w = 240, h = 48, step = w / (points.length - 1);
  const y = (score: number) => h - 4 - ((score - 1) / 4) * (h - 8);
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  return (
    <svg className="score-line" viewBox={`-4 0 ${w + 8} ${h}`} width={w + 8} height={h} role="img"
      aria-label={t('feedback.line', { scores: points.map((p) => p.score).join(', ') })}>
      <line x1="0" x2={w} y1={y(3)} y2={y(3)} className="mid" />
      <path d={d} />
      {points.map((p, i) => <circle key={p.id} cx={i * step} cy={y(p.score)} r="3" className={p.score <= 2 ? 'low' : ''} />)}
    </svg>
  );
}

export function Feedback({ satisfaction: s, items, total, pager, action }: {
  satisfaction: { recentAverage?: number | null; recentCount: number; previousAverage?: number | null };
  items: Item[];
  total: number;
  /** The way through the rest, when there are more than one page. */
  pager?: ReactNode;
  /** Recording a new one, for those who may. */
  action?: ReactNode;
}) {
  const { t, date } = useI18n();
  const trend = s.recentAverage == null || s.previousAverage == null ? null
    : s.recentAverage - s.previousAverage > 0.25 ? 'up' : s.previousAverage - s.recentAverage > 0.25 ? 'down' : 'flat';
  return (
    <section aria-labelledby="feedback-title">
      <div className="section-head">
        <h2 id="feedback-title">{t('feedback.title')} <span className="count">{total}</span></h2>
      </div>
      {action}
      <p data-testid="feedback-trend">
        {s.recentAverage == null ? t('feedback.noRecent')
          : t('feedback.recent', { average: s.recentAverage.toFixed(1), n: s.recentCount })}
        {s.previousAverage != null && <> {t('feedback.previous', { average: s.previousAverage.toFixed(1) })}</>}
        {trend && <> <span className={`trend ${trend}`}>{t(`feedback.trend.${trend}`)}</span></>}
      </p>
      <ScoreLine items={items} />
      {pager}
      {items.length === 0 ? <Empty>{t('feedback.none')}</Empty> : (
        <ul className="feedback">
          {items.map((f) => (
            <li key={f.id}>
              <span className={`score s${f.score}`} aria-label={t('feedback.score', { score: f.score })}>{f.score}</span>{' '}
              <time dateTime={f.receivedAt}>{date(f.receivedAt)}</time>
              {f.comment && <> — {f.comment}</>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
