import { useI18n } from '../i18n/i18n';
import type { Locale } from '../i18n/format';

const languages: { value: Locale; label: string }[] = [
  { value: 'ru', label: 'Русский' },
  { value: 'en', label: 'English' },
];

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="inline">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t('nav.language')}>
        {languages.map((l) => <option key={l.value} value={l.value} lang={l.value}>{l.label}</option>)}
      </select>
    </label>
  );
}

// The zones a forwarder's people work in first; every other zone the
// browser knows follows.
const common = ['Europe/Moscow', 'Europe/Kaliningrad', 'Europe/Samara', 'Asia/Yekaterinburg', 'Asia/Novosibirsk', 'Asia/Vladivostok', 'Asia/Almaty', 'Europe/Minsk', 'Asia/Shanghai', 'Europe/Istanbul', 'Asia/Dubai', 'Europe/Berlin', 'Europe/London', 'UTC'];

export function TimeZoneSwitch() {
  const { timeZone, setTimeZone, t } = useI18n();
  const all = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  const zones = [...new Set([timeZone, ...common, ...all])];
  return (
    <label className="inline">
      <span className="visually-hidden">{t('nav.timeZone')}</span>
      <select value={timeZone} onChange={(e) => setTimeZone(e.target.value)} aria-label={t('nav.timeZone')}>
        {zones.map((z) => <option key={z} value={z}>{z.replace(/_/g, ' ')}</option>)}
      </select>
    </label>
  );
}
