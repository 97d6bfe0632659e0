// Search from every screen: clients, tenders, shipments and carriers by name
// or reference, five of each, as the person types.
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useI18n } from '../i18n/i18n';

export const SearchQuery = graphql(`
  query Search($q: String!) {
    search(text: $q) {
      clients { id name city } clientCount
      tenders { id reference title client { name } } tenderCount
      shipments { id reference origin destination client { name } } shipmentCount
      carriers { id name country } carrierCount
      best { __typename id }
    }
  }
`);

// where a found record opens
const paths: Record<string, string> = { Client: 'clients', Tender: 'tenders', Shipment: 'shipments', Carrier: 'carriers' };

interface Hit { to: string; label: string; detail: string }

export function Search() {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  useEffect(() => {
    const h = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(h);
  }, [text]);
  useEffect(() => setOpen(false), [pathname]);
  const [res] = useQuery({ query: SearchQuery, variables: { q }, pause: q.length < 2 });
  const d = q.length >= 2 ? res.data?.search : undefined;
  // each kind best first, as the server ranks them (the name as typed, then
  // names starting with it), and Enter opens the server's best of all
  const groups: { title: string; total: number; hits: Hit[] }[] = d ? [
    { title: t('search.clients'), total: d.clientCount, hits: d.clients.map((c) => ({ to: `/clients/${c.id}`, label: c.name, detail: c.city })) },
    { title: t('search.tenders'), total: d.tenderCount, hits: d.tenders.map((x) => ({ to: `/tenders/${x.id}`, label: x.reference, detail: `${x.title} · ${x.client.name}` })) },
    { title: t('search.shipments'), total: d.shipmentCount, hits: d.shipments.map((s) => ({ to: `/shipments/${s.id}`, label: s.reference, detail: `${s.origin} → ${s.destination} · ${s.client.name}` })) },
    { title: t('search.carriers'), total: d.carrierCount, hits: d.carriers.map((c) => ({ to: `/carriers/${c.id}`, label: c.name, detail: c.country })) },
  ].filter((g) => g.hits.length > 0) : [];
  const best = d?.best && paths[d.best.__typename] ? `/${paths[d.best.__typename]}/${d.best.id}` : groups[0]?.hits[0]?.to;
  const found = groups.reduce((n, g) => n + g.total, 0);

  return (
    <div className="global-search" ref={box} role="search"
      onBlur={(e) => { if (!box.current?.contains(e.relatedTarget as Node)) setOpen(false); }}
      onKeyDown={(e) => { if (e.key === 'Escape') { setOpen(false); box.current?.querySelector('input')?.focus(); } }}>
      <label htmlFor={`${id}-q`} className="visually-hidden">{t('search.label')}</label>
      <input id={`${id}-q`} type="search" role="combobox" aria-autocomplete="list" value={text} placeholder={t('search.placeholder')} autoComplete="off"
        aria-controls={`${id}-results`} aria-expanded={open && q.length >= 2}
        onChange={(e) => { setText(e.target.value); setOpen(true); }} onFocus={() => setOpen(true)}
        onKeyDown={(e) => {
          // only what was found for the text as it is now: not the last search's, while this one is on its way
          if (e.key === 'Enter' && best && q === text.trim() && !res.fetching) { e.preventDefault(); navigate(best); setOpen(false); }
        }} />
      {open && q.length >= 2 && (
        <div id={`${id}-results`} className="search-results">
          <p className="visually-hidden" role="status">{d ? t('search.found', { n: found }) : ''}</p>
          {!d ? <p className="hint">{t('state.loading')}</p>
            : groups.length === 0 ? <p className="hint">{t('search.nothing', { q })}</p>
            : groups.map((g) => (
              <section key={g.title}>
                <h2>{g.title} <span className="count">{g.total}</span></h2>
                <ul>
                  {g.hits.map((h) => (
                    <li key={h.to}><Link to={h.to} onClick={() => setOpen(false)} aria-current={h.to === best ? 'true' : undefined}>
                      <strong>{h.label}</strong> <small>{h.detail}</small></Link></li>
                  ))}
                </ul>
              </section>
            ))}
        </div>
      )}
    </div>
  );
}
