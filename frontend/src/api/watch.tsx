// One record watched live: its page reads it afresh when someone else
// changes it and says who; its edit form says so before the save (the save
// still carries the version the edit began from, and a CONFLICT then merges
// as before), rather than only after it.
import { useCallback, useMemo, useState } from 'react';
import { graphql } from '../gql';
import { useViewer } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { useLiveList, type LiveChange } from './liveList';

const TenderWatch = graphql(`
  subscription TenderWatch($id: ID!) { tenderChanged(where: {id: $id}, follow: [$id]) { id operation by { id name } } }
`);
const ShipmentWatch = graphql(`
  subscription ShipmentWatch($id: ID!) { shipmentChanged(where: {id: $id}, follow: [$id]) { id operation by { id name } } }
`);
const ClientWatch = graphql(`
  subscription ClientWatch($id: ID!) { clientChanged(where: {id: $id}, follow: [$id]) { id operation by { id name } } }
`);

export type Watched = 'tender' | 'shipment' | 'client';

/**
 * Watches record id of kind; reload (when given) reads it afresh after a
 * change. Returns the name of whoever else changed it last since, or null.
 */
export function useWatch(kind: Watched, id: string, reload: () => void = () => {}): string | null {
  const viewer = useViewer();
  const [by, setBy] = useState<{ id: string; name: string } | null>(null);
  const vars = useMemo(() => ({ id }), [id]);
  const seen = useCallback((c: LiveChange) => {
    if (c.by && c.by.id !== viewer.id) setBy({ id: c.id, name: c.by.name });
  }, [viewer.id]);
  // one hook per kind, as hooks must be called alike on every render
  useLiveList(TenderWatch, (d) => d.tenderChanged, vars, kind === 'tender' ? reload : () => {}, kind === 'tender' ? seen : undefined, kind !== 'tender');
  useLiveList(ShipmentWatch, (d) => d.shipmentChanged, vars, kind === 'shipment' ? reload : () => {}, kind === 'shipment' ? seen : undefined, kind !== 'shipment');
  useLiveList(ClientWatch, (d) => d.clientChanged, vars, kind === 'client' ? reload : () => {}, kind === 'client' ? seen : undefined, kind !== 'client');
  return by && by.id === id ? by.name : null;
}

/** On a record's page: someone else just changed what it shows. */
export function ChangedNote({ name }: { name: string | null }) {
  const { t } = useI18n();
  if (!name) return null;
  return <p className="notice changed-note" role="status" data-testid="changed-note">{t('live.changedHere', { name })}</p>;
}

/** On an edit form: the record changed under it; the save will say how they meet. */
export function ChangedUnderneath({ name }: { name: string | null }) {
  const { t } = useI18n();
  if (!name) return null;
  return <p className="notice warning" role="alert" data-testid="changed-underneath">{t('live.changedUnderneath', { name })}</p>;
}
