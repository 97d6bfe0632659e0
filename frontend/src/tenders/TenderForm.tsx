// Creating and editing a tender. The client checks what it can (required
// fields, amounts, percentages); the server checks the rest and its
// refusals show on the field they name.
import type { FormEvent } from 'react';
import { ChangedUnderneath, useWatch } from '../api/watch';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { Currency } from '../gql/graphql';
import { useViewer } from '../auth/session';
import { ManagerChoicesQuery, currencies } from '../forms/choices';
import { useClientChoices } from '../forms/clientChoices';
import { changedFields, ConflictNote, useEdit } from '../forms/edit';
import { Field, useCheckedForm, type Errors } from '../forms/fields';
import { amountForInput, minorUnits, parseAmount, utcToZoned, zonedToUTC } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { useTitle } from '../layout/title';
import { NotAllowed, NotFound, Problems, recordGate } from '../layout/states';
import { isClosed } from '../pipeline/stages';

export const TenderFormQuery = graphql(`
  query TenderForm($id: ID!) {
    node(id: $id) {
      __typename
      ... on Tender {
        id version reference title stage estimatedValue currency winProbability submissionDeadline viewerCanEdit
        client { id name accountManagerID }
        owner { id name }
      }
    }
  }
`);

const CreateTender = graphql(`
  mutation CreateTender($input: CreateTenderInput!) {
    createTender(input: $input) { id reference client { id } }
  }
`);

const UpdateTender = graphql(`
  mutation UpdateTender($id: ID!, $input: UpdateTenderInput!, $expectedVersion: Int) {
    updateTender(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id version reference title estimatedValue currency winProbability weightedValue submissionDeadline
      client { id name }
      owner { id name }
    }
  }
`);

export interface TenderValues {
  reference: string;
  title: string;
  clientID: string;
  ownerID: string;
  estimatedValue: string;
  currency: Currency;
  winProbability: string;
  /** datetime-local, in the viewer's time zone */
  deadline: string;
}

/** The form's values a decided tender keeps (ent/rule/tender.go, decidedTenderKept). */
const decidedFields: (keyof TenderValues)[] = ['clientID', 'estimatedValue', 'currency', 'winProbability', 'deadline'];

/** The input fields the form shows, by their API names. */
const tenderFields = ['reference', 'title', 'clientID', 'ownerID', 'estimatedValue', 'currency', 'winProbability', 'submissionDeadline'];

/** The client's checks; the keys are the API's field names. */
export function checkTender(v: TenderValues, t: ReturnType<typeof useI18n>['t'], numbered = false): Errors {
  const e: Errors = {};
  // a new tender's reference may be left to the server, which numbers it
  if (!v.reference.trim() && !numbered) e.reference = t('required');
  else if (v.reference.trim().length > 40) e.reference = t('form.tooLong', { n: 40 });
  if (!v.title.trim()) e.title = t('required');
  else if (v.title.trim().length > 300) e.title = t('form.tooLong', { n: 300 });
  if (!v.clientID) e.clientID = t('required');
  if (!v.ownerID) e.ownerID = t('required');
  if (parseAmount(v.estimatedValue) === null) e.estimatedValue = v.estimatedValue.trim() ? t('form.amountInvalid') : t('required');
  if (!/^\d{1,3}$/.test(v.winProbability.trim()) || Number(v.winProbability) > 100) e.winProbability = t('form.percentInvalid');
  if (!v.deadline) e.submissionDeadline = t('required');
  return e;
}

export function TenderFormView({ initial, onSubmit, submitLabel, busy, error, decided = false, numbered = false, cancelTo }: {
  initial: TenderValues;
  /** Where Cancel leads; no Cancel without it. */
  cancelTo?: string;
  /** Won, lost or withdrawn: its figures stay as they were decided. */
  decided?: boolean;
  /** A new tender: its reference may be left to the server. */
  numbered?: boolean;
  onSubmit(values: TenderValues): void;
  submitLabel: string;
  busy: boolean;
  error?: import('urql').CombinedError;
}) {
  const { t, timeZone } = useI18n();
  const { values: v, set, errors, form, valid } = useCheckedForm(tenderFields, initial, (x) => checkTender(x, t, numbered), error);
  const [owners] = useQuery({ query: ManagerChoicesQuery, variables: { role: 'ACCOUNT_MANAGER' } });
  // the clients the server lets the viewer put a tender on
  const { choices, finder } = useClientChoices(v.clientID);
  const clientChoices = choices.filter((c) => c.viewerCan.addTender || c.id === initial.clientID);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (valid()) onSubmit(v);
  }
  // a passed deadline is allowed (a tender entered late), but said
  const past = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v.deadline) && Date.parse(zonedToUTC(v.deadline, timeZone)) < Date.now();

  return (
    <form ref={form} className="form" onSubmit={submit} noValidate>
      {Object.keys(errors).length > 0 && <p className="problems" role="alert">{t('form.fix')}</p>}
      <Problems error={error} fields={tenderFields} />
      {decided && <p className="hint">{t('tender.figuresKept')}</p>}
      <fieldset className="grid" disabled={busy}>
        <Field label={t('tender.reference')} error={errors.reference}>
          {(p) => <input {...p} value={v.reference} onChange={set('reference')} maxLength={40} autoComplete="off"
            placeholder={numbered ? t('tender.referenceAuto') : undefined} />}
        </Field>
        <Field label={t('tender.name')} error={errors.title}>
          {(p) => <input {...p} value={v.title} onChange={set('title')} maxLength={300} />}
        </Field>
        <Field label={t('tender.client')} error={errors.clientID}>
          {(p) => (<>
            {!decided && finder}
            <select {...p} disabled={decided} value={v.clientID} onChange={set('clientID')}>
              <option value="">{t('tender.pickClient')}</option>
              {clientChoices.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </>)}
        </Field>
        <Field label={t('tender.owner')} error={errors.ownerID}>
          {(p) => (
            <select {...p} value={v.ownerID} onChange={set('ownerID')}>
              <option value="">{t('tender.pickOwner')}</option>
              {owners.data?.managers.edges?.map((e) => e?.node && <option key={e.node.id} value={e.node.id}>{e.node.name}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('tender.value')} error={errors.estimatedValue}>
          {(p) => <input {...p} disabled={decided} value={v.estimatedValue} onChange={set('estimatedValue')} inputMode="decimal" />}
        </Field>
        <Field label={t('tender.currency')} error={errors.currency}>
          {(p) => (
            <select {...p} disabled={decided} value={v.currency} onChange={set('currency')}>
              {currencies.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('tender.probability')} error={errors.winProbability}>
          {(p) => <input {...p} disabled={decided} value={v.winProbability} onChange={set('winProbability')} inputMode="numeric" />}
        </Field>
        <Field label={t('tender.deadline')} error={errors.submissionDeadline}
          hint={[t('form.inZone', { zone: timeZone }), past && v.deadline !== initial.deadline ? t('form.pastDeadline') : ''].filter(Boolean).join(' ')}>
          {(p) => <input {...p} disabled={decided} type="datetime-local" value={v.deadline} onChange={set('deadline', 'submissionDeadline')} />}
        </Field>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('saving') : submitLabel}</button>
        {cancelTo && <Link className="button" to={cancelTo}>{t('cancel')}</Link>}
      </div>
    </form>
  );
}

function toInput(v: TenderValues, timeZone: string) {
  return {
    reference: v.reference.trim(),
    title: v.title.trim(),
    clientID: v.clientID,
    ownerID: v.ownerID,
    estimatedValue: parseAmount(v.estimatedValue)!,
    currency: v.currency,
    winProbability: Number(v.winProbability),
    submissionDeadline: zonedToUTC(v.deadline, timeZone),
  };
}

export function NewTenderPage() {
  const { t, timeZone } = useI18n();
  const viewer = useViewer();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [state, create] = useMutation(CreateTender);
  useTitle(t('tender.new'));
  if (!viewer.can.createTender) return <NotAllowed />;
  const initial: TenderValues = {
    reference: '', title: '', clientID: params.get('client') ?? '',
    ownerID: viewer.role === 'ACCOUNT_MANAGER' ? viewer.id : '',
    estimatedValue: '', currency: 'RUB', winProbability: '10', deadline: '',
  };
  return (
    <section className="page narrow">
      <h1>{t('tender.new')}</h1>
      <TenderFormView initial={initial} numbered submitLabel={t('tender.create')} busy={state.fetching} error={state.error}
        onSubmit={async (v) => {
          const r = await create({ input: toInput(v, timeZone) });
          if (r.data) navigate(`/tenders/${r.data.createTender.id}`);
        }} />
    </section>
  );
}

export function EditTenderPage() {
  const { t, timeZone, locale } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [q, refetch] = useQuery({ query: TenderFormQuery, variables: { id } });
  const changedBy = useWatch('tender', id);
  const [state, update] = useMutation(UpdateTender);
  useTitle(t('tender.edit'));
  const tender = q.data?.node?.__typename === 'Tender' ? q.data.node : null;
  const current: TenderValues | null = tender && {
    reference: tender.reference, title: tender.title, clientID: tender.client.id, ownerID: tender.owner.id,
    estimatedValue: amountForInput(tender.estimatedValue, locale), currency: tender.currency,
    winProbability: String(tender.winProbability), deadline: utcToZoned(tender.submissionDeadline, timeZone),
  };
  // a decided tender's figures stay as decided: a merge after a CONFLICT keeps them so
  const locked = tender && isClosed(tender.stage) ? decidedFields : [];
  const edit = useEdit(current, tender?.version, `${id} ${timeZone}`, state.error, () => refetch({ requestPolicy: 'network-only' }), locked);
  if (tender && !tender.viewerCanEdit) return <NotAllowed />;
  const gate = recordGate(q, () => refetch({ requestPolicy: 'network-only' }));
  if (gate) return gate;
  const { start, initial } = edit;
  if (!tender || !start || !initial) return <NotFound />;
  return (
    <section className="page narrow">
      <p className="crumbs"><Link to={`/tenders/${tender.id}`}>{t('tender.title', { reference: tender.reference })}</Link></p>
      <h1>{t('tender.edit')}</h1>
      <ChangedUnderneath name={edit.conflict ? null : changedBy} />
      {edit.conflict && <ConflictNote />}
      <TenderFormView key={edit.formKey} cancelTo={`/tenders/${tender.id}`} initial={initial} decided={isClosed(tender.stage)}
        submitLabel={t('save')} busy={state.fetching || edit.reloading} error={edit.error}
        onSubmit={async (v) => {
          const input = changed(v, start.values, timeZone);
          edit.saving(v, changedFields<TenderValues>(input, { submissionDeadline: 'deadline' }));
          const r = await update({ id: tender.id, input, expectedVersion: start.version });
          if (r.data) navigate(`/tenders/${tender.id}`);
        }} />
    </section>
  );
}

/**
 * Only what the form changed: a field left as it was is not sent, so saving
 * a corrected title neither rewrites the deadline to the minute the form
 * shows nor touches the figures of a decided tender.
 */
export function changed(v: TenderValues, initial: TenderValues, timeZone: string) {
  const now = toInput(v, timeZone);
  const before = {
    reference: initial.reference.trim(), title: initial.title.trim(), clientID: initial.clientID, ownerID: initial.ownerID,
    currency: initial.currency, winProbability: Number(initial.winProbability),
  };
  const out: Partial<typeof now> = {};
  for (const k of Object.keys(now) as (keyof typeof now)[]) {
    const same = k === 'submissionDeadline' ? v.deadline === initial.deadline
      : k === 'estimatedValue' ? parseAmount(initial.estimatedValue) !== null && minorUnits(now.estimatedValue) === minorUnits(parseAmount(initial.estimatedValue)!)
        : now[k] === before[k];
    if (!same) (out as Record<string, unknown>)[k] = now[k];
  }
  return out;
}
