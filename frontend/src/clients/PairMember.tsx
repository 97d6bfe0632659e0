import { useI18n } from '../i18n/i18n';

/**
 * One of a client's matrix pair, marked when missing or gone: the gaps of
 * the matrix. With an e-mail, it is shown as a link to write to them.
 */
export function PairMember({ m }: { m?: { name: string; active: boolean; email?: string } | null }) {
  const { t } = useI18n();
  if (!m) return <span className="gap">{t('client.noManager')}</span>;
  return (
    <span>
      {m.name}{!m.active && <span className="gap"> ({t('client.left')})</span>}
      {m.email && <> <a href={`mailto:${m.email}`}>{m.email}</a></>}
    </span>
  );
}
