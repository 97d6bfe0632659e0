// Entries of the audit trail as people read them: who (by name), when (in
// the viewer's zone), what they did, and each field before → after with the
// app's own labels and values (names for IDs, stages and statuses by name,
// times formatted). A record's history and the whole trail show them alike.
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { AuditEntryFieldsFragment } from '../gql/graphql';
import { en, type MessageKey } from '../i18n/messages';
import { useI18n } from '../i18n/i18n';
import { sayValue } from '../i18n/values';

export const AuditEntryFields = graphql(`
  fragment AuditEntryFields on AuditEntry { id at operation action recordType recordID actor { id name } changes { field before after } }
`);

const NamesQuery = graphql(`
  query HistoryNames($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Client { id name }
      ... on Manager { id name }
      ... on Carrier { id name }
      ... on Tender { id reference }
      ... on Shipment { id reference }
    }
  }
`);

const isID = (field: string) => /ID$/.test(field);

/** The record types that have a page of their own, by their path. */
const pages: Record<string, string> = { Client: 'clients', Tender: 'tenders', Shipment: 'shipments', Carrier: 'carriers', Manager: 'managers' };

/**
 * The entries, newest first as given; showRecord names each entry's record
 * (the whole trail), which a record's own history leaves out.
 */
export function AuditEntries({ entries, showRecord = false }: { entries: AuditEntryFieldsFragment[]; showRecord?: boolean }) {
  const { t, dateTime, plural } = useI18n();
  const ids = [...new Set([
    ...entries.flatMap((e) => e.changes.filter((c) => isID(c.field)).flatMap((c) => [c.before, c.after])),
    ...(showRecord ? entries.filter((e) => pages[e.recordType]).map((e) => e.recordID) : []),
  ].filter((v): v is string => !!v))];
  const [names] = useQuery({ query: NamesQuery, variables: { ids }, pause: ids.length === 0 });
  const nameOf = new Map<string, string>();
  for (const n of names.data?.nodes ?? []) {
    if (!n) continue;
    if ('name' in n && n.name) nameOf.set(n.id, n.name);
    if ('reference' in n && n.reference) nameOf.set(n.id, n.reference);
  }
  const label = (recordType: string, field: string) => {
    for (const key of [`field.${recordType}.${field}`, `field.${field}`] as MessageKey[]) {
      if (key in en) return t(key);
    }
    return field.replace(/ID$/, '').replace(/([A-Z])/g, ' $1').toLowerCase();
  };
  const value = (recordType: string, field: string, v: string | null | undefined) => {
    if (field === 'passwordHash') return v ? t('history.secret') : t('history.empty');
    if (v == null || v === '') return t('history.empty');
    if (isID(field)) return nameOf.get(v) ?? t('history.someRecord');
    if (field === 'modes') {
      try {
        return (JSON.parse(v) as string[]).map((m) => t(`mode.${m}` as MessageKey)).join(', ');
      } catch { return v; }
    }
    if (v === 'true') return t('history.yes');
    if (v === 'false') return t('history.no');
    return sayValue(field, v, { t, dateTime }, recordType === 'Shipment' ? 'shipmentStatus' : 'status');
  };
  const recordName = (e: AuditEntryFieldsFragment) => {
    const kind = `record.kind.${e.recordType}` as MessageKey;
    const what = kind in en ? t(kind) : e.recordType;
    const name = nameOf.get(e.recordID);
    const path = pages[e.recordType];
    return path && name ? <>{what} <Link to={`/${path}/${e.recordID}`}>{name}</Link></> : <>{what}</>;
  };
  return (
    <ol className="history timeline" data-testid="record-history">
      {entries.map((e) => {
        const changes = e.changes.filter((c) => c.field !== 'version');
        return (
          <li key={e.id}>
            <strong>{e.actor?.name ?? t('history.server')}</strong>{' · '}
            <time dateTime={e.at}>{dateTime(e.at)}</time>{' · '}
            {t(`history.action.${e.action}` as MessageKey)}
            {showRecord && <> · {recordName(e)}</>}
            {e.action !== 'CREATE' && changes.length > 0 && <> · {plural('history.fields', changes.length).replace('{n}', String(changes.length))}</>}
            {e.action !== 'CREATE' && (
              <ul className="changes">
                {changes.map((c) => (
                  <li key={c.field}>{label(e.recordType, c.field)}: <del>{value(e.recordType, c.field, c.before)}</del> → <ins>{value(e.recordType, c.field, c.after)}</ins></li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
