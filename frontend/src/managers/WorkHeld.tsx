// What a manager holds in their role, in a few words.
import { useI18n } from '../i18n/i18n';

export interface Work { clients: number; openTenders: number; unfinishedShipments: number }

export function WorkHeld({ work }: { work: Work }) {
  const { t, number } = useI18n();
  const parts = [
    work.clients > 0 && t('manager.holdsClients', { n: number(work.clients) }),
    work.openTenders > 0 && t('manager.holdsTenders', { n: number(work.openTenders) }),
    work.unfinishedShipments > 0 && t('manager.holdsShipments', { n: number(work.unfinishedShipments) }),
  ].filter(Boolean);
  return <>{parts.length ? parts.join(', ') : t('manager.holdsNothing')}</>;
}
