// The frame of every signed-in screen: navigation for the viewer's role,
// language and time zone, and sign-out.
import { useEffect, useRef, useState } from 'react';
import { ToastProvider } from './toast';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useSession, useViewer } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch, TimeZoneSwitch } from './Preferences';
import { Search } from '../search/Search';

export function Shell() {
  const { t } = useI18n();
  const viewer = useViewer();
  const { signOut } = useSession();
  const can = viewer.can;
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  useEffect(() => setOpen(false), [pathname]);
  return (
    <div className="shell">
      <a className="skip" href="#content" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>{t('app.skip')}</a>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>
          {t('nav.menu')}
        </button>
        <nav id="main-nav" aria-label={t('nav.main')} className={open ? 'open' : ''}>
          <ul>
            <li><NavLink to="/pipeline">{t('nav.pipeline')}</NavLink></li>
            <li><NavLink to="/shipments" end>{t('nav.shipments')}</NavLink></li>
            <li><NavLink to="/clients" end>{t('nav.clients')}</NavLink></li>
            <li><NavLink to="/carriers" end>{t('nav.carriers')}</NavLink></li>
            <li><NavLink to="/matrix">{t('nav.matrix')}</NavLink></li>
            <li><NavLink to="/dashboards">{t('nav.dashboards')}</NavLink></li>
            <li><NavLink to="/explorer">{t('nav.explorer')}</NavLink></li>
            {can.manageManagers && <li><NavLink to="/managers">{t('nav.managers')}</NavLink></li>}
            {can.readAuditTrail && <li><NavLink to="/audit">{t('nav.audit')}</NavLink></li>}
            {can.createTender && <li><NavLink to="/tenders/new">{t('nav.newTender')}</NavLink></li>}
            {can.createClient && <li><NavLink to="/clients/new">{t('nav.newClient')}</NavLink></li>}
          </ul>
          <Search />
          <div className="prefs">
            <LanguageSwitch />
            <TimeZoneSwitch />
            <Link className="who" to="/account" data-testid="viewer" title={`${viewer.name}, ${t(`role.${viewer.role}`)}`}>
              <span>{viewer.name}</span>
              <small>{t(`role.${viewer.role}`)}</small>
              <span className="visually-hidden"> — {t('account.link')}</span>
            </Link>
            <button type="button" onClick={() => void signOut()}>{t('nav.signOut')}</button>
          </div>
        </nav>
      </header>
      <ToastProvider>
        <main id="content" ref={main} tabIndex={-1}>
          <Outlet />
        </main>
      </ToastProvider>
    </div>
  );
}
