import { useI18n } from '../i18n/i18n';
import { lateness } from './lists';

/** "late" on a shipment under way, "delivered late" on one delivered after its plan; nothing otherwise. */
export function LateBadge({ s, testId }: { s: { status: string; isLate: boolean }; testId?: string }) {
  const { t } = useI18n();
  const l = lateness(s);
  if (!l) return null;
  return <span className={l === 'late' ? 'badge overdue' : 'badge'} data-testid={testId}>{t(`shipment.${l}`)}</span>;
}
