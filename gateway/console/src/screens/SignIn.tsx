import { useEffect, useState } from 'react';
import { sessionFromToken, type Session } from '../api/session';
import { t } from '../i18n';
import { Errors, Field } from '../ui/ui';

/** Dev: pick a demo principal (the gateway's dev-only route); otherwise paste a bearer token. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [demo, setDemo] = useState<string[] | null>(null);
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<string[]>([]);

  useEffect(() => {
    fetch('/dev/principals')
      .then((r) => (r.ok ? (r.json() as Promise<{ principals: string[] }>) : null))
      .then((body) => setDemo(body?.principals ?? null))
      .catch(() => setDemo(null));
  }, []);

  const useToken = (value: string) => {
    const session = sessionFromToken(value.trim());
    if (session) onSignedIn(session);
    else setErrors([t.signIn.refused]);
  };

  const signInAs = async (kind: string) => {
    setErrors([]);
    const res = await fetch('/dev/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind }),
    });
    const body = (await res.json()) as { token?: string; errors?: { message: string }[] };
    if (body.token) useToken(body.token);
    else setErrors([`${t.signIn.refused}: ${body.errors?.map((e) => e.message).join(' ') ?? res.status}`]);
  };

  return (
    <main>
      <h1>{t.signIn.title}</h1>
      <Errors messages={errors} />
      {demo && (
        <section aria-labelledby="demo-title">
          <h2 id="demo-title">{t.signIn.demoTitle}</h2>
          <div className="row">
            {demo.map((kind) => (
              <button key={kind} type="button" onClick={() => void signInAs(kind)}>
                {t.signIn.kinds[kind] ?? kind}
              </button>
            ))}
          </div>
        </section>
      )}
      <section aria-labelledby="token-title">
        <h2 id="token-title">{t.signIn.tokenTitle}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            useToken(token);
          }}
        >
          <Field label={t.signIn.tokenLabel} value={token} onChange={(e) => setToken(e.target.value)} />
          <button type="submit">{t.signIn.submit}</button>
        </form>
      </section>
    </main>
  );
}
