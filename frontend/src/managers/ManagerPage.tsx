// One manager (ADMIN): their details and what they hold; an edit of name,
// e-mail and role; a new password (their sessions and tokens end); their
// leaving, which hands what they hold to a colleague in the same role in
// the one step the server makes of it; a return; and their history.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { useViewer } from '../auth/session';
import { nodes } from '../api/nodes';
import { Field, serverFieldErrors } from '../forms/fields';
import { ManagerChoicesQuery } from '../forms/choices';
import { useI18n } from '../i18n/i18n';
import { History } from '../layout/History';
import { NotAllowed, NotFound, Problems, recordGate } from '../layout/states';
import { useTitle } from '../layout/title';
import { ManagerForm } from './ManagerForm';
import { WorkHeld, type Work } from './WorkHeld';

const ManagerPageQuery = graphql(`
  query ManagerPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Manager { id version name email role active createdAt work { clients openTenders unfinishedShipments } }
    }
  }
`);

const SetPassword = graphql(`
  mutation SetManagerPassword($id: ID!, $password: String!) { setManagerPassword(id: $id, newPassword: $password) { id version } }
`);

const Deactivate = graphql(`
  mutation DeactivateManager($id: ID!, $successorID: ID, $expectedVersion: Int) {
    deactivateManager(id: $id, successorID: $successorID, expectedVersion: $expectedVersion) {
      id version active work { clients openTenders unfinishedShipments }
    }
  }
`);

const Return = graphql(`
  mutation ReturnManager($id: ID!, $expectedVersion: Int) {
    updateManager(id: $id, input: {active: true}, expectedVersion: $expectedVersion) { id version active }
  }
`);

export function ManagerPage() {
  const { t, date } = useI18n();
  const viewer = useViewer();
  const { id = '' } = useParams();
  const [editing, setEditing] = useState(false);
  const [q, refetch] = useQuery({ query: ManagerPageQuery, variables: { id }, pause: !viewer.can.manageManagers });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const m = q.data?.node?.__typename === 'Manager' ? q.data.node : null;
  useTitle(m?.name);
  if (!viewer.can.manageManagers) return <NotAllowed />;
  const gate = recordGate(q, reload);
  if (gate) return gate;
  if (!m) return <NotFound />;
  return (
    <article className="page manager">
      <p className="crumbs"><Link to="/managers">{t('managers.title')}</Link></p>
      <div className="page-head">
        <h1>{m.name}</h1>
        {!m.active && <span className="badge">{t('manager.left')}</span>}
        {!editing && <button type="button" onClick={() => setEditing(true)}>{t('manager.edit')}</button>}
      </div>
      {editing && <ManagerForm manager={m} reload={reload} onDone={() => { setEditing(false); reload(); }} />}
      <dl className="details">
        <div><dt>{t('manager.email')}</dt><dd>{m.email}</dd></div>
        <div><dt>{t('manager.role')}</dt><dd>{t(`role.${m.role}`)}</dd></div>
        <div><dt>{t('manager.status')}</dt><dd>{m.active ? t('manager.works') : t('manager.left')}</dd></div>
        <div><dt>{t('manager.work')}</dt><dd data-testid="work-held"><WorkHeld work={m.work} /></dd></div>
        <div><dt>{t('manager.since')}</dt><dd>{date(m.createdAt)}</dd></div>
      </dl>
      {m.active ? <Leaving manager={m} onDone={reload} /> : <Returning manager={m} onDone={reload} />}
      {m.active && <PasswordReset id={m.id} name={m.name} />}
      <History id={m.id} version={m.version} />
    </article>
  );
}

type Held = { id: string; version: number; name: string; role: string; work: Work };

/** A manager's leaving: who takes over what they hold, then one step. */
function Leaving({ manager: m, onDone }: { manager: Held; onDone(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const holds = m.work.clients + m.work.openTenders + m.work.unfinishedShipments > 0;
  const [colleagues] = useQuery({ query: ManagerChoicesQuery, variables: { role: m.role as 'ACCOUNT_MANAGER' }, pause: !holds });
  const choices = nodes(colleagues.data?.managers).filter((c) => c.id !== m.id);
  const [successor, setSuccessor] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [sent, deactivate] = useMutation(Deactivate);
  const errors = serverFieldErrors(sent.error, i18n);
  const to = choices.find((c) => c.id === successor)?.name ?? '';
  return (
    <form className="form panel" aria-labelledby="leaving-title" noValidate onSubmit={async (e) => {
      e.preventDefault();
      if (!confirming) {
        setConfirming(true);
        return;
      }
      const r = await deactivate({ id: m.id, successorID: successor || null, expectedVersion: m.version });
      setConfirming(false);
      if (!r.error) onDone();
    }}>
      <h2 id="leaving-title">{t('manager.leaving')}</h2>
      <Problems error={sent.error} fields={['successorID']} />
      <p className="hint">{holds ? t('manager.leavingHands') : t('manager.leavingNothing')}</p>
      {holds && (
        <div className="grid">
          <Field label={t('manager.successor')} error={errors.successorID}>
            {(p) => (
              <select {...p} value={successor} onChange={(e) => { setSuccessor(e.target.value); setConfirming(false); }}>
                <option value="">{t('manager.pickSuccessor')}</option>
                {choices.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
            )}
          </Field>
        </div>
      )}
      {confirming && <p role="alert" className="confirm">{holds && to ? t('manager.leaveConfirmHand', { name: m.name, to }) : t('manager.leaveConfirm', { name: m.name })}</p>}
      <div className="actions">
        <button type="submit" className={confirming ? 'danger' : ''} disabled={sent.fetching}>{confirming ? t('manager.leaveSure') : t('manager.leave')}</button>
        {confirming && <button type="button" onClick={() => setConfirming(false)}>{t('cancel')}</button>}
      </div>
    </form>
  );
}

/** A manager who left and comes back; they sign in again once given a password. */
function Returning({ manager: m, onDone }: { manager: { id: string; version: number }; onDone(): void }) {
  const { t } = useI18n();
  const [sent, comeBack] = useMutation(Return);
  return (
    <div className="panel">
      <Problems error={sent.error} />
      <button type="button" disabled={sent.fetching} onClick={async () => {
        const r = await comeBack({ id: m.id, expectedVersion: m.version });
        if (!r.error) onDone();
      }}>{t('manager.return')}</button>
    </div>
  );
}

/** A new password set by an administrator: the manager's sessions and tokens end. */
function PasswordReset({ id, name }: { id: string; name: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [sent, set] = useMutation(SetPassword);
  const errors = serverFieldErrors(sent.error, i18n);
  return (
    <form className="form panel" aria-labelledby="reset-title" noValidate onSubmit={async (e) => {
      e.preventDefault();
      setDone(false);
      const r = await set({ id, password });
      if (!r.error) {
        setPassword('');
        setDone(true);
      }
    }}>
      <h2 id="reset-title">{t('manager.setPassword')}</h2>
      <Problems error={sent.error} fields={['newPassword']} />
      <div className="grid">
        <Field label={t('manager.newPassword')} error={errors.newPassword} hint={t('manager.passwordResetHint')}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => { setPassword(e.target.value); setDone(false); }} />}
        </Field>
      </div>
      {done && <p role="status" className="done">{t('manager.passwordSet', { name })}</p>}
      <div className="actions"><button type="submit" disabled={sent.fetching || !password}>{t('manager.setPassword')}</button></div>
    </form>
  );
}
