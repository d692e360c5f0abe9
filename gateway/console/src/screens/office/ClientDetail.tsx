import { useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { ClientConnector } from './ClientConnector';
import { graphql } from '../../gql';
import type { UpdateClientInput } from '../../gql/graphql';
import { apiErrorsOf, NO_ERRORS, type ApiErrors } from '../../api/errors';
import { t } from '../../i18n';
import { Dialog, Errors, Field, Link } from '../../ui/ui';
import { CodaActions, History, stateLabel } from './mandate-actions';
import { CaroProblem, NewSodaMandate, SodaActions } from './soda-caro';

const ClientQuery = graphql(`
  query ClientDetail($id: ID!) {
    client(id: $id) {
      id
      companyName
      clientCode
      enterpriseNumber
      email
      phone
      language
      companyNameEditable
      enterpriseNumberEditable
      version
      address {
        street
        postalCode
        city
        country
      }
      codaMandates {
        ...CodaFields
      }
      sodaMandates {
        id
        state
        stateReason
        socialSecretariat {
          name
        }
        software {
          name
        }
        history {
          fromState
          toState
          reason
          actor
          at
        }
      }
      caroOrders {
        id
        state
        stateReason
        clientReference
        cardholderEmail
        cardholderMobile
        bank {
          name
        }
        history {
          fromState
          toState
          reason
          actor
          at
        }
      }
    }
  }
`);

const UpdateClient = graphql(`
  mutation UpdateClient($input: UpdateClientInput!) {
    updateClient(input: $input) {
      client {
        id
        version
      }
      warnings {
        code
        message
        field
      }
    }
  }
`);

const ClientMandatesChanged = graphql(`
  subscription ClientMandatesChanged($clientId: ID) {
    mandateStateChanged(clientId: $clientId) {
      eventId
      mandateId
      newState
    }
  }
`);

/** The states of a mandate the client has not signed yet (the pop-up after saving). */
const UNSIGNED = ['AVAILABLE_ONLINE', 'IN_PREPARATION', 'SENT_TO_CLIENT', 'PROBLEM'];

type Draft = Omit<UpdateClientInput, 'id' | 'expectedVersion' | 'language'>;
const TEXT_FIELDS = ['companyName', 'clientCode', 'enterpriseNumber', 'email', 'phone'] as const;
const ADDRESS_FIELDS = ['street', 'postalCode', 'city', 'country'] as const;

/** Client details (tabs Données / CODA / SODA / CARO), "Editer" → "Sauvegarder" under the editing rules. */
export function ClientDetail({ id }: { id: string }) {
  const [{ data, error }, refetch] = useQuery({ query: ClientQuery, variables: { id } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  // States change on screen as the events arrive.
  useSubscription({ query: ClientMandatesChanged, variables: { clientId: id } }, (_prev, event) => {
    reload();
    return event;
  });
  const [tab, setTab] = useState(new URLSearchParams(location.search).get('tab') ?? 'data');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [confirmCode, setConfirmCode] = useState(false);
  const [errors, setErrors] = useState<ApiErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const [popup, setPopup] = useState(false);
  const [, updateClient] = useMutation(UpdateClient);
  const client = data?.client;
  if (error) return <Errors messages={apiErrorsOf(error).general} />;
  if (!client) return <main>{t.app.loading}</main>;

  const startEdit = () => {
    setDraft({
      companyName: client.companyName,
      clientCode: client.clientCode,
      enterpriseNumber: client.enterpriseNumber ?? '',
      email: client.email ?? '',
      phone: client.phone ?? '',
      address: {
        street: client.address?.street ?? '',
        postalCode: client.address?.postalCode ?? '',
        city: client.address?.city ?? '',
        country: client.address?.country ?? 'BE',
      },
    });
    setSaved(false);
    setErrors(NO_ERRORS);
  };

  const codeChanged = draft !== null && draft.clientCode !== client.clientCode;
  const save = async () => {
    if (!draft) return;
    if (codeChanged && !confirmCode) {
      setConfirmCode(true);
      return;
    }
    // Only what changed is sent; the draft stays on screen when the save is refused.
    const input: UpdateClientInput = { id: client.id, expectedVersion: client.version };
    for (const f of TEXT_FIELDS) {
      const before = (client[f] ?? '') as string;
      if ((draft[f] ?? '') !== before) input[f] = draft[f] || null;
    }
    const addressBefore = ADDRESS_FIELDS.map((f) => client.address?.[f] ?? '').join('|');
    if (ADDRESS_FIELDS.map((f) => draft.address?.[f] ?? '').join('|') !== addressBefore)
      input.address = draft.address;
    const result = await updateClient({ input });
    setConfirmCode(false);
    if (result.error) {
      setErrors(apiErrorsOf(result.error));
      return;
    }
    setErrors(NO_ERRORS);
    setDraft(null);
    setSaved(true);
    reload();
    setPopup(true);
  };

  const unsigned = (client.codaMandates ?? []).filter(
    (m) => UNSIGNED.includes(m.state) || m.toBePresentedAgain,
  );
  const tabs = Object.entries(t.client.tabs);

  return (
    <main>
      <Link to="/clients">← {t.client.back}</Link>
      <h1>{client.companyName}</h1>
      <div className="tabs" role="tablist">
        {tabs.map(([key, label]) => (
          <button key={key} type="button" role="tab" aria-selected={tab === key} onClick={() => setTab(key)}>
            {label}
          </button>
        ))}
      </div>

      {tab === 'data' && (
        <section aria-label={t.client.tabs.data}>
          {saved && (
            <p className="notice" role="status">
              {t.client.saved}
            </p>
          )}
          {!draft ? (
            <>
              <dl>
                <dt>{t.clients.companyName}</dt>
                <dd>{client.companyName}</dd>
                <dt>{t.clients.clientCode}</dt>
                <dd>{client.clientCode}</dd>
                <dt>{t.clients.enterpriseNumber}</dt>
                <dd>{client.enterpriseNumber ?? '—'}</dd>
                <dt>{t.clients.email}</dt>
                <dd>{client.email ?? '—'}</dd>
                <dt>{t.clients.phone}</dt>
                <dd>{client.phone ?? '—'}</dd>
              </dl>
              <button type="button" onClick={startEdit}>
                {t.client.edit}
              </button>
            </>
          ) : (
            <form
              // The API validates (typed errors next to each field), not the browser.
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
            >
              <Errors messages={errors.general} />
              <Field
                label={t.clients.companyName}
                value={draft.companyName ?? ''}
                disabled={!client.companyNameEditable}
                hint={client.companyNameEditable ? undefined : t.client.companyNameLocked}
                error={errors.byField.companyName}
                onChange={(e) => setDraft({ ...draft, companyName: e.target.value })}
              />
              <Field
                label={t.clients.enterpriseNumber}
                value={draft.enterpriseNumber ?? ''}
                disabled={!client.enterpriseNumberEditable}
                hint={
                  client.enterpriseNumberEditable ? t.client.enterpriseFillOnce : t.client.enterpriseLocked
                }
                error={errors.byField.enterpriseNumber}
                onChange={(e) => setDraft({ ...draft, enterpriseNumber: e.target.value })}
              />
              <Field
                label={t.clients.clientCode}
                value={draft.clientCode ?? ''}
                error={errors.byField.clientCode}
                onChange={(e) => {
                  setDraft({ ...draft, clientCode: e.target.value });
                  setConfirmCode(false);
                }}
              />
              {codeChanged && (
                <p className="warning" role="status">
                  {t.client.clientCodeWarning}
                </p>
              )}
              <Field
                label={t.clients.email}
                type="email"
                value={draft.email ?? ''}
                error={errors.byField.email}
                onChange={(e) => setDraft({ ...draft, email: e.target.value })}
              />
              <Field
                label={t.clients.phone}
                value={draft.phone ?? ''}
                error={errors.byField.phone}
                onChange={(e) => setDraft({ ...draft, phone: e.target.value })}
              />
              {ADDRESS_FIELDS.map((f) => (
                <Field
                  key={f}
                  label={t.clients[f]}
                  value={draft.address?.[f] ?? ''}
                  error={errors.byField[`address.${f}`]}
                  onChange={(e) =>
                    setDraft({ ...draft, address: { ...draft.address!, [f]: e.target.value } })
                  }
                />
              ))}
              <div className="row">
                <button type="submit">{confirmCode ? t.client.confirmSave : t.client.save}</button>
                <button type="button" className="secondary" onClick={() => setDraft(null)}>
                  {t.client.cancel}
                </button>
              </div>
            </form>
          )}
        </section>
      )}

      {tab === 'coda' && (
        <section aria-label="CODA">
          <MandateTable
            rows={(client.codaMandates ?? []).map((m) => ({
              id: m.id,
              what: m.bank.name,
              state: m.state,
              reason: m.stateReason,
              history: m.history,
              actions: <CodaActions mandateId={m.id} actions={m.availableActions} />,
            }))}
            whatLabel={t.mandates.bank}
          />
        </section>
      )}
      {tab === 'soda' && (
        <section aria-label="SODA">
          <MandateTable
            rows={(client.sodaMandates ?? []).map((m) => ({
              id: m.id,
              what: `${m.socialSecretariat.name} (${m.software.name})`,
              state: m.state,
              reason: m.stateReason,
              history: m.history,
              actions: <SodaActions id={m.id} state={m.state} />,
            }))}
            whatLabel={t.mandates.secretariat}
          />
          <NewSodaMandate clientId={client.id} onSaved={reload} />
        </section>
      )}
      {tab === 'sobank' && <ClientConnector clientId={client.id} />}
      {tab === 'caro' && (
        <section aria-label="CARO">
          <MandateTable
            rows={(client.caroOrders ?? []).map((o) => ({
              id: o.id,
              what: `${o.bank.name} — ${o.clientReference}`,
              state: o.state,
              reason: o.stateReason,
              history: o.history,
              actions:
                o.state === 'PROBLEM' ? (
                  <CaroProblem id={o.id} email={o.cardholderEmail} mobile={o.cardholderMobile} />
                ) : null,
            }))}
            whatLabel={t.mandates.bank}
          />
        </section>
      )}

      {popup && unsigned.length > 0 && (
        <Dialog
          title={t.client.presentAgainTitle}
          onClose={() => setPopup(false)}
          closeLabel={t.client.close}
        >
          <p>{t.client.presentAgainText}</p>
          <ul>
            {unsigned.map((m) => (
              <li key={m.id}>
                CODA {m.bank.name} — <span className="state">{stateLabel(m.state)}</span>
                <CodaActions mandateId={m.id} actions={m.availableActions} />
              </li>
            ))}
          </ul>
        </Dialog>
      )}
    </main>
  );
}

interface MandateRow {
  id: string;
  what: string;
  state: string;
  reason?: string | null;
  history: Parameters<typeof History>[0]['entries'];
  actions: React.ReactNode;
}

export function MandateTable({ rows, whatLabel }: { rows: MandateRow[]; whatLabel: string }) {
  if (rows.length === 0) return <p>{t.mandates.none}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{whatLabel}</th>
          <th scope="col">{t.mandates.state}</th>
          <th scope="col">{t.mandates.history}</th>
          <th scope="col">{t.mandates.actions}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-mandate={r.id}>
            <td>{r.what}</td>
            <td>
              <span className="state">{stateLabel(r.state)}</span>
              {r.reason ? <div className="hint">{r.reason}</div> : null}
            </td>
            <td>
              <History entries={r.history} />
            </td>
            <td>{r.actions}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
