import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { useTitle } from '../layout/title';
import { LanguageSwitch } from '../layout/Preferences';
import { useSession } from './session';

/**
 * Where to go after sign-in: ?next= comes from the URL, so anything but a
 * path of this app (another site, "//host", a backslash, control characters)
 * leads to the start page instead.
 */
export function safeNext(next: string | null, origin = window.location.origin): string {
  if (!next || !next.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  const path = url.pathname + url.search + url.hash;
  // "/.//host" resolves to "//host", which a browser reads as another site
  if (url.origin !== origin || url.pathname.startsWith('/sign-in') || path.startsWith('//') || path.startsWith('/\\')) return '/';
  return path;
}

export function SignInPage() {
  const { t } = useI18n();
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  useEffect(() => emailRef.current?.focus(), []);
  useTitle(t('signIn.title'));

  if (session.status === 'in') return <Navigate to={next} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError(t('signIn.required'));
      return;
    }
    setBusy(true);
    setError(null);
    const r = await session.signIn(email.trim(), password);
    setBusy(false);
    if (r.ok) return; // the Navigate above takes over
    if (r.code === 'UNAUTHENTICATED') setError(t('signIn.wrong'));
    else if (r.code === 'TOO_MANY_ATTEMPTS') setError(t('signIn.tooMany', { minutes: Math.ceil((r.retryAfter ?? 60) / 60) }));
    else setError(t('signIn.failed', { message: r.message }));
  }

  return (
    <main className="sign-in" id="content">
      <form onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        <div className="sign-in-top">
          <span className="brand">{t('app.name')}</span>
          <LanguageSwitch />
        </div>
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        {session.expired || params.get('expired') ? <p className="notice" role="status">{t('signIn.expired')}</p> : <p>{t('signIn.lead')}</p>}
        <label htmlFor="email">{t('signIn.email')}</label>
        <input id="email" ref={emailRef} type="email" autoComplete="username" value={email}
          onChange={(e) => setEmail(e.target.value)} aria-invalid={!!error} aria-describedby={error ? 'sign-in-error' : undefined} />
        <label htmlFor="password">{t('signIn.password')}</label>
        <input id="password" type="password" autoComplete="current-password" value={password}
          onChange={(e) => setPassword(e.target.value)} aria-invalid={!!error} aria-describedby={error ? 'sign-in-error' : undefined} />
        {error && <p id="sign-in-error" className="error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{busy ? t('signIn.busy') : t('signIn.submit')}</button>
      </form>
    </main>
  );
}
