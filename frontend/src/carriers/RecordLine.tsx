import { useI18n } from '../i18n/i18n';

/** A carrier's record in one line. */
export function RecordLine({ r }: { r: { delivered: number; onTimeShare?: number | null; recentExceptions: number; recentDelays: number; inHand: number } }) {
  const { t, percent } = useI18n();
  return (
    <span className="record">
      {r.onTimeShare == null ? t('record.noDeliveries') : t('record.onTime', { share: percent(Math.round(r.onTimeShare * 100)), delivered: r.delivered })}
      {' · '}<span className={r.recentExceptions > 0 ? 'warn' : ''}>{t('record.exceptions', { n: r.recentExceptions })}</span>
      {' · '}{t('record.delays', { n: r.recentDelays })}
      {' · '}{t('record.inHand', { n: r.inHand })}
    </span>
  );
}
