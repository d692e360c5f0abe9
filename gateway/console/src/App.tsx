import { useMemo, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createApiClient } from './api/client';
import { loadSession, saveSession, type Session } from './api/session';
import { t } from './i18n';
import { navigate, usePath } from './router';
import { SignIn } from './screens/SignIn';
import { ClientList } from './screens/office/ClientList';
import { ClientDetail } from './screens/office/ClientDetail';
import { Mandates } from './screens/office/Mandates';
import { Connectors } from './screens/office/Connectors';
import { CompanyDashboard } from './screens/company/CompanyDashboard';
import { Billing } from './screens/company/Billing';
import { VoucherUserHome } from './screens/voucher/VoucherUserHome';
import { PartnerInbox } from './screens/partner/PartnerInbox';
import { Link } from './ui/ui';

/** The menu of each kind of principal: path → label. */
function menuOf(session: Session): [string, string][] {
  switch (session.kind) {
    case 'office':
      return [
        ['/clients', t.nav.clients],
        ['/mandates', t.nav.mandates],
        ['/connectors', t.nav.connectors],
      ];
    case 'company':
      return [
        ['/company', t.nav.dashboard],
        ['/company/billing', t.nav.billing],
      ];
    case 'voucher_user':
      return [['/voucher', t.nav.toConfirm]];
    case 'partner':
      return [['/inbox', t.nav.inbox]];
    default:
      return [];
  }
}

function screenOf(path: string, session: Session): ReactNode {
  const client = /^\/clients\/([^/]+)$/.exec(path);
  if (session.kind === 'office') {
    if (client) return <ClientDetail id={decodeURIComponent(client[1]!)} />;
    if (path === '/mandates') return <Mandates />;
    if (path === '/connectors') return <Connectors />;
    return <ClientList />;
  }
  if (session.kind === 'company') return path === '/company/billing' ? <Billing /> : <CompanyDashboard />;
  if (session.kind === 'voucher_user') return <VoucherUserHome />;
  if (session.kind === 'partner') return <PartnerInbox partnerType={session.partnerType ?? ''} />;
  return <p>{session.kind}</p>;
}

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const path = usePath();
  const signOut = () => {
    saveSession(null);
    setSession(null);
    navigate('/');
  };
  const client = useMemo(() => (session ? createApiClient(session.token, signOut) : null), [session]);

  if (!session || !client)
    return (
      <SignIn
        onSignedIn={(s) => {
          saveSession(s);
          setSession(s);
          navigate(menuOf(s)[0]?.[0] ?? '/');
        }}
      />
    );
  return (
    <Provider value={client}>
      <header>
        <strong>{t.app.title}</strong>
        <nav aria-label="Menu">
          {menuOf(session).map(([to, label]) => (
            <Link key={to} to={to}>
              {label}
            </Link>
          ))}
        </nav>
        <span>{session.label}</span>
        <button type="button" onClick={signOut}>
          {t.app.signOut}
        </button>
      </header>
      {screenOf(path, session)}
    </Provider>
  );
}
