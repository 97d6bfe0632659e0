// Choosing a shipment's carrier: those that serve its mode first, best
// record first, each with its record; the rest on request. The server
// decides, and its refusal shows here, where the choice was made.
import { useMemo, useState } from 'react';
import { useToast } from '../layout/toast';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { CarrierChoiceFragment, TransportMode } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';
import { Loading, LoadError, Problems } from '../layout/states';
import { RecordLine } from '../carriers/RecordLine';
import { nodes } from '../api/nodes';

graphql(`
  fragment CarrierChoice on Carrier {
    id name country modes active
    record { delivered onTime onTimeShare recentExceptions recentDelays inHand }
  }
`);

export const CarrierChoicesQuery = graphql(`
  query CarrierChoices {
    carriers(first: 500, where: {active: true}, orderBy: [{field: NAME}]) { edges { node { ...CarrierChoice } } }
  }
`);

export const AssignCarrierMutation = graphql(`
  mutation AssignCarrier($shipment: ID!, $carrier: ID!, $version: Int) {
    assignCarrier(shipmentID: $shipment, carrierID: $carrier, expectedVersion: $version) {
      id version status carrier { id name }
    }
  }
`);

/**
 * The order of the choice: carriers that serve the mode before those that
 * do not, then by on-time share (a carrier without deliveries last), then by
 * fewer recent exceptions, then by name.
 */
export function rankCarriers(carriers: CarrierChoiceFragment[], mode: TransportMode): CarrierChoiceFragment[] {
  const share = (c: CarrierChoiceFragment) => c.record.onTimeShare ?? -1;
  return [...carriers].sort((a, b) =>
    Number(b.modes.includes(mode)) - Number(a.modes.includes(mode))
    || share(b) - share(a)
    || a.record.recentExceptions - b.record.recentExceptions
    || a.name.localeCompare(b.name));
}

export function CarrierPicker({ shipment, onDone, onCancel }: {
  shipment: { id: string; reference: string; mode: TransportMode; version: number; carrier?: { id: string } | null };
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const [res, refetch] = useQuery({ query: CarrierChoicesQuery });
  const [sent, assign] = useMutation(AssignCarrierMutation);
  const [chosen, setChosen] = useState(shipment.carrier?.id ?? '');
  const [all, setAll] = useState(false);
  const ranked = useMemo(
    () => rankCarriers(nodes(res.data?.carriers), shipment.mode),
    [res.data, shipment.mode],
  );
  const serving = ranked.filter((c) => c.modes.includes(shipment.mode));
  const shown = all ? ranked : serving;
  const legend = t('assign.title', { reference: shipment.reference, mode: t(`mode.${shipment.mode}`) });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    const r = await assign({ shipment: shipment.id, carrier: chosen, version: shipment.version });
    if (!r.error) {
      const name = ranked.find((c) => c.id === chosen)?.name ?? '';
      toast({ text: t('toast.assigned', { carrier: name, reference: shipment.reference }) });
      onDone();
    }
  }

  if (res.error && !res.data) return <LoadError error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!res.data) return <Loading />;
  return (
    <form className="carrier-picker" onSubmit={submit} aria-label={legend}>
      <fieldset>
        <legend>{legend}</legend>
        {serving.length === 0 && <p className="hint">{t('assign.noneServe', { mode: t(`mode.${shipment.mode}`) })}</p>}
        <ul className="choices">
          {shown.map((c) => {
            const serves = c.modes.includes(shipment.mode);
            return (
              <li key={c.id} className={serves ? '' : 'other-mode'}>
                <label>
                  <input type="radio" name={`carrier-${shipment.id}`} value={c.id} checked={chosen === c.id} onChange={() => setChosen(c.id)} />
                  <strong>{c.name}</strong>
                  <span className="modes">{c.modes.map((m) => t(`mode.${m}`)).join(', ')}</span>
                  {!serves && <span className="badge overdue">{t('assign.notServing', { mode: t(`mode.${shipment.mode}`) })}</span>}
                  <RecordLine r={c.record} />
                </label>
              </li>
            );
          })}
        </ul>
        {ranked.length > serving.length && (
          <label className="check">
            <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
            {t('assign.showAll', { n: ranked.length - serving.length })}
          </label>
        )}
      </fieldset>
      <Problems error={sent.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!chosen || sent.fetching}>{sent.fetching ? t('saving') : t('assign.submit')}</button>
        <button type="button" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
