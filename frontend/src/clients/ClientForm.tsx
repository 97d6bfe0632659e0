// Creating and editing a client with its matrix pair.
import { useMemo, type FormEvent } from 'react';
import { ChangedUnderneath, useWatch } from '../api/watch';
import { Link, useNavigate, useParams } from 'react-router';
import type { CombinedError } from 'urql';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ClientStatus } from '../gql/graphql';
import { useViewer } from '../auth/session';
import { ManagerChoicesQuery } from '../forms/choices';
import { changedFields, changedInput, ConflictNote, useEdit } from '../forms/edit';
import { Field, useCheckedForm, type Errors } from '../forms/fields';
import { countryCodes, countryName } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { useTitle } from '../layout/title';
import { NotAllowed, NotFound, Problems, recordGate } from '../layout/states';
import { nodes } from '../api/nodes';

const ClientFormQuery = graphql(`
  query ClientForm($id: ID!) {
    node(id: $id) {
      __typename
      ... on Client {
        id version name industry country city status accountManagerID operationsManagerID
        viewerCan { edit reassign }
        accountManager { id name }
        operationsManager { id name }
      }
    }
  }
`);

const CreateClient = graphql(`
  mutation CreateClient($input: CreateClientInput!) {
    createClient(input: $input) { id name }
  }
`);

const UpdateClient = graphql(`
  mutation UpdateClient($id: ID!, $input: UpdateClientInput!, $expectedVersion: Int) {
    updateClient(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id version name industry country city status accountManagerID operationsManagerID
      accountManager { id name }
      operationsManager { id name }
    }
  }
`);

const statuses: ClientStatus[] = ['PROSPECT', 'ACTIVE', 'DORMANT', 'LOST'];

export interface ClientValues {
  name: string; industry: string; country: string; city: string; status: ClientStatus;
  accountManagerID: string; operationsManagerID: string;
}

/** The input fields the form shows, by their API names. */
const clientFields = ['name', 'industry', 'country', 'city', 'status', 'accountManagerID', 'operationsManagerID'];

export function checkClient(v: ClientValues, t: ReturnType<typeof useI18n>['t']): Errors {
  const e: Errors = {};
  if (!v.name.trim()) e.name = t('required');
  else if (v.name.trim().length > 200) e.name = t('form.tooLong', { n: 200 });
  if (!v.country.trim()) e.country = t('required');
  if (!v.city.trim()) e.city = t('required');
  return e;
}

export function ClientFormView({ initial, submitLabel, busy, error, onSubmit, lockAM = false, lockOM = false, names = {} }: {
  initial: ClientValues; submitLabel: string; busy: boolean; error?: CombinedError; onSubmit(v: ClientValues): void;
  /** The pair fields this viewer may not set (the server decides; the form says so first). */
  lockAM?: boolean; lockOM?: boolean;
  /** Names of the managers the client has now, who may have left since. */
  names?: Record<string, string>;
}) {
  const { t, locale } = useI18n();
  const viewer = useViewer();
  const { values: v, set, errors, form, valid } = useCheckedForm(clientFields, initial, (x) => checkClient(x, t), error);
  const [ams] = useQuery({ query: ManagerChoicesQuery, variables: { role: 'ACCOUNT_MANAGER' } });
  const [oms] = useQuery({ query: ManagerChoicesQuery, variables: { role: 'OPERATIONS_MANAGER' } });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (valid()) onSubmit(v);
  }
  const countries = useMemo(() => [...new Set([...countryCodes, ...(v.country ? [v.country] : [])])]
    .map((code) => ({ code, name: countryName(code, locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale)), [locale, v.country]);
  const options = (list: typeof ams.data, value: string) => {
    const people = nodes(list?.managers);
    if (value && !people.some((m) => m.id === value)) people.unshift({ id: value, name: names[value] ?? viewerName(value) });
    return people.map((m) => <option key={m.id} value={m.id}>{m.name}</option>);
  };
  const viewerName = (id: string) => (id === viewer.id ? viewer.name : id);
  return (
    <form ref={form} className="form" onSubmit={submit} noValidate>
      {Object.keys(errors).length > 0 && <p className="problems" role="alert">{t('form.fix')}</p>}
      <Problems error={error} fields={clientFields} />
      {lockAM && lockOM && <p className="hint">{t('client.pairByAdmin')}</p>}
      <fieldset className="grid" disabled={busy}>
        <Field label={t('client.name')} error={errors.name}>{(p) => <input {...p} value={v.name} onChange={set('name')} maxLength={200} />}</Field>
        <Field label={t('client.industry')} error={errors.industry}>{(p) => <input {...p} value={v.industry} onChange={set('industry')} maxLength={200} />}</Field>
        <Field label={t('client.country')} error={errors.country}>
          {(p) => (
            <select {...p} value={v.country} onChange={set('country')}>
              <option value="">{t('client.pickCountry')}</option>
              {countries.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('client.city')} error={errors.city}>{(p) => <input {...p} value={v.city} onChange={set('city')} maxLength={100} />}</Field>
        <Field label={t('client.status')} error={errors.status}>
          {(p) => <select {...p} value={v.status} onChange={set('status')}>{statuses.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}</select>}
        </Field>
        <Field label={t('client.am')} error={errors.accountManagerID}>
          {(p) => (
            <select {...p} value={v.accountManagerID} onChange={set('accountManagerID')} disabled={lockAM}>
              <option value="">{t('client.noManager')}</option>
              {options(ams.data, v.accountManagerID)}
            </select>
          )}
        </Field>
        <Field label={t('client.om')} error={errors.operationsManagerID}>
          {(p) => (
            <select {...p} value={v.operationsManagerID} onChange={set('operationsManagerID')} disabled={lockOM}>
              <option value="">{t('client.noManager')}</option>
              {options(oms.data, v.operationsManagerID)}
            </select>
          )}
        </Field>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('saving') : submitLabel}</button>
      </div>
    </form>
  );
}

function trimmed(v: ClientValues) {
  return { name: v.name.trim(), industry: v.industry.trim(), country: v.country.trim(), city: v.city.trim(), status: v.status };
}

export function NewClientPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const navigate = useNavigate();
  const [state, create] = useMutation(CreateClient);
  useTitle(t('client.new'));
  if (!viewer.can.createClient) return <NotAllowed />;
  const initial: ClientValues = {
    name: '', industry: '', country: 'RU', city: '', status: 'PROSPECT',
    accountManagerID: viewer.role === 'ACCOUNT_MANAGER' ? viewer.id : '', operationsManagerID: '',
  };
  return (
    <section className="page narrow">
      <h1>{t('client.new')}</h1>
      <ClientFormView initial={initial} submitLabel={t('client.create')} busy={state.fetching} error={state.error}
        lockAM={!viewer.can.reassignClients}
        onSubmit={async (v) => {
          const r = await create({
            input: { ...trimmed(v), accountManagerID: v.accountManagerID || null, operationsManagerID: v.operationsManagerID || null },
          });
          if (r.data) navigate(`/clients/${r.data.createClient.id}`);
        }} />
    </section>
  );
}

export function EditClientPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [q, refetch] = useQuery({ query: ClientFormQuery, variables: { id } });
  const changedBy = useWatch('client', id);
  const [state, update] = useMutation(UpdateClient);
  useTitle(t('client.edit'));
  const c = q.data?.node?.__typename === 'Client' ? q.data.node : null;
  const current: ClientValues | null = c && {
    name: c.name, industry: c.industry, country: c.country, city: c.city, status: c.status,
    accountManagerID: c.accountManagerID ?? '', operationsManagerID: c.operationsManagerID ?? '',
  };
  const edit = useEdit(current, c?.version, id, state.error, () => refetch({ requestPolicy: 'network-only' }));
  if (c && !c.viewerCan.edit) return <NotAllowed />;
  const gate = recordGate(q, () => refetch({ requestPolicy: 'network-only' }));
  if (gate) return gate;
  const { start, initial } = edit;
  if (!c || !start || !initial) return <NotFound />;
  const names = Object.fromEntries([c.accountManager, c.operationsManager].flatMap((m) => (m ? [[m.id, m.name]] : [])));
  // only an administrator changes a client's pair
  const pairLocked = !c?.viewerCan.reassign;
  return (
    <section className="page narrow">
      <p className="crumbs"><Link to={`/clients/${c.id}`}>{c.name}</Link></p>
      <h1>{t('client.edit')}</h1>
      <ChangedUnderneath name={edit.conflict ? null : changedBy} />
      {edit.conflict && <ConflictNote />}
      <ClientFormView key={edit.formKey} initial={initial} submitLabel={t('save')} busy={state.fetching || edit.reloading}
        error={edit.error}
        lockAM={pairLocked} lockOM={pairLocked} names={names}
        onSubmit={async (v) => {
          const input = changedClient(v, start.values);
          edit.saving(v, changedFields<ClientValues>(input));
          const r = await update({ id: c.id, expectedVersion: start.version, input });
          if (r.data) navigate(`/clients/${c.id}`);
        }} />
    </section>
  );
}

/** Only what the form changed; a pair member taken away is cleared. */
export function changedClient(v: ClientValues, initial: ClientValues) {
  const out: Record<string, unknown> = changedInput(trimmed(v), trimmed(initial));
  if (v.accountManagerID !== initial.accountManagerID) {
    if (v.accountManagerID) out.accountManagerID = v.accountManagerID;
    else out.clearAccountManager = true;
  }
  if (v.operationsManagerID !== initial.operationsManagerID) {
    if (v.operationsManagerID) out.operationsManagerID = v.operationsManagerID;
    else out.clearOperationsManager = true;
  }
  return out;
}
