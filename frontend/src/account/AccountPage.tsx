// The viewer's own account: a new password (the server ends their other
// sessions) and their API tokens for scripts and the explorer's neighbours,
// each shown once, when made, with a copy button, and revoked here.
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { useViewer } from '../auth/session';
import { Field, serverFieldErrors } from '../forms/fields';
import { zonedToUTC } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { useTitle } from '../layout/title';
import { Empty, LoadError, Loading, Problems } from '../layout/states';

const ChangePassword = graphql(`
  mutation ChangePassword($current: String!, $next: String!) {
    changePassword(currentPassword: $current, newPassword: $next) { id }
  }
`);

export const TokensQuery = graphql(`
  query MyTokens { apiTokens { id name prefix createdAt expiresAt lastUsedAt revokedAt } }
`);

const CreateToken = graphql(`
  mutation CreateToken($name: String!, $expiresAt: Time) {
    createAPIToken(name: $name, expiresAt: $expiresAt) { token apiToken { id name prefix createdAt expiresAt lastUsedAt revokedAt } }
  }
`);

const RevokeToken = graphql(`
  mutation RevokeToken($id: ID!) { revokeAPIToken(id: $id) { id revokedAt } }
`);

export function AccountPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  useTitle(t('account.title'));
  return (
    <section className="page account">
      <div className="page-head"><h1>{t('account.title')}</h1></div>
      <p className="standing">{viewer.name} · {t(`role.${viewer.role}`)}</p>
      <PasswordForm />
      <Tokens />
    </section>
  );
}

function PasswordForm() {
  const i18n = useI18n();
  const { t } = i18n;
  const [sent, change] = useMutation(ChangePassword);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const errors: Record<string, string> = { ...serverFieldErrors(sent.error, i18n), ...(mismatch ? { again: t('account.mismatch') } : {}) };
  return (
    <form className="form panel" aria-labelledby="password-title" noValidate onSubmit={async (e) => {
      e.preventDefault();
      setDone(false);
      if (next !== again) {
        setMismatch(true);
        return;
      }
      setMismatch(false);
      const r = await change({ current, next });
      if (!r.error) {
        setCurrent(''); setNext(''); setAgain(''); setDone(true);
      }
    }}>
      <h2 id="password-title">{t('account.password')}</h2>
      <Problems error={sent.error} fields={['currentPassword', 'newPassword']} />
      <div className="grid">
        <Field label={t('account.current')} error={errors.currentPassword}>
          {(p) => <input {...p} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />}
        </Field>
        <Field label={t('account.new')} error={errors.newPassword} hint={t('account.newHint')}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />}
        </Field>
        <Field label={t('account.again')} error={errors.again}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={sent.fetching || !current || !next}>{t('account.change')}</button>
      </div>
      {done && <p role="status" className="ok">{t('account.changed')}</p>}
    </form>
  );
}

function Tokens() {
  const i18n = useI18n();
  const { t, dateTime, timeZone } = i18n;
  const [q, refetch] = useQuery({ query: TokensQuery });
  const [made, create] = useMutation(CreateToken);
  const [revoked, revoke] = useMutation(RevokeToken);
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const errors = serverFieldErrors(made.error, i18n);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <section className="panel" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('account.tokens')}</h2>
      <p className="hint">{t('account.tokensLead')}</p>
      <form className="inline-form" noValidate onSubmit={async (e) => {
        e.preventDefault();
        setCopied(false);
        const r = await create({ name: name.trim(), expiresAt: expires ? zonedToUTC(expires, timeZone) : null });
        if (r.data) {
          setSecret({ name: r.data.createAPIToken.apiToken.name, token: r.data.createAPIToken.token });
          setName(''); setExpires('');
          reload();
        }
      }}>
        <Field label={t('account.tokenName')} error={errors.name}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />}
        </Field>
        <Field label={t('account.tokenExpires')} error={errors.expiresAt} hint={t('form.inZone', { zone: timeZone })}>
          {(p) => <input {...p} type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />}
        </Field>
        <button type="submit" disabled={made.fetching || !name.trim()}>{t('account.makeToken')}</button>
      </form>
      <Problems error={made.error} fields={['name', 'expiresAt']} />
      <Problems error={revoked.error} />
      {secret && (
        // not a live region: a screen reader would read the secret aloud
        <div className="panel secret" data-testid="new-token">
          <p><strong>{t('account.tokenOnce', { name: secret.name })}</strong></p>
          <code>{secret.token}</code>{' '}
          <button type="button" onClick={async () => {
            try {
              await navigator.clipboard.writeText(secret.token);
              setCopied(true);
            } catch { /* no clipboard here: the token stays shown to copy by hand */ }
          }}>{copied ? t('account.copied') : t('account.copy')}</button>
        </div>
      )}
      {q.error && !q.data ? <LoadError error={q.error} retry={reload} />
        : !q.data ? <Loading />
        : q.data.apiTokens.length === 0 ? <Empty>{t('account.noTokens')}</Empty>
        : (
          <div className="table-wrap">
            <table data-testid="tokens">
              <thead>
                <tr>
                  <th scope="col">{t('account.tokenName')}</th>
                  <th scope="col">{t('account.tokenPrefix')}</th>
                  <th scope="col">{t('account.tokenMade')}</th>
                  <th scope="col">{t('account.tokenUsed')}</th>
                  <th scope="col">{t('account.tokenState')}</th>
                  <th scope="col"><span className="visually-hidden">{t('actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {q.data.apiTokens.map((k) => {
                  const expired = !k.revokedAt && k.expiresAt && Date.parse(k.expiresAt) <= Date.now();
                  return (
                    <tr key={k.id}>
                      <th scope="row">{k.name}</th>
                      <td><code>{k.prefix}…</code></td>
                      <td>{dateTime(k.createdAt)}</td>
                      <td>{k.lastUsedAt ? dateTime(k.lastUsedAt) : t('account.never')}</td>
                      <td>{k.revokedAt ? t('account.revoked', { at: dateTime(k.revokedAt) })
                        : expired ? t('account.expired', { at: dateTime(k.expiresAt!) })
                        : k.expiresAt ? t('account.expires', { at: dateTime(k.expiresAt) }) : t('account.noExpiry')}</td>
                      <td>
                        {!k.revokedAt && !expired && (
                          <button type="button" onClick={async () => { await revoke({ id: k.id }); reload(); }}>
                            {t('account.revoke', { name: k.name })}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}
