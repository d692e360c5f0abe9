import { useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '../../gql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { Errors, Link } from '../../ui/ui';
import { MandateTable } from './ClientDetail';
import { CodaActions, stateLabel } from './mandate-actions';
import { CaroProblem, SodaActions } from './soda-caro';

const OfficeMandates = graphql(`
  query OfficeMandates {
    codaMandates(first: 100) {
      totalCount
      edges {
        node {
          ...CodaFields
        }
      }
    }
    sodaMandates(first: 100) {
      totalCount
      edges {
        node {
          id
          clientId
          state
          stateReason
          client {
            companyName
          }
          socialSecretariat {
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
    caroOrders(first: 100) {
      totalCount
      edges {
        node {
          id
          clientId
          state
          stateReason
          clientReference
          cardholderEmail
          cardholderMobile
          client {
            companyName
          }
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
  }
`);

const MandateStateChanged = graphql(`
  subscription OfficeMandateStateChanged {
    mandateStateChanged {
      eventId
      service
      mandateId
      newState
      client {
        companyName
      }
    }
  }
`);

/** MANDATS & SERVICES CLIENT: CODA, SODA and CARO office-wide, states updated live. */
export function Mandates() {
  const [{ data, error }, refetch] = useQuery({ query: OfficeMandates });
  const [service, setService] = useState<'CODA' | 'SODA' | 'CARO'>('CODA');
  const [live] = useSubscription({ query: MandateStateChanged }, (_prev, event) => {
    refetch({ requestPolicy: 'network-only' });
    return event;
  });
  const last = live.data?.mandateStateChanged;
  const clientLink = (id: string, name?: string | null) => <Link to={`/clients/${id}`}>{name ?? id}</Link>;
  return (
    <main>
      <h1>{t.mandates.title}</h1>
      <Errors messages={apiErrorsOf(error).general} />
      <p aria-live="polite" className="hint">
        {t.app.live}
        {last ? ` : ${last.service} ${last.client?.companyName ?? ''} → ${stateLabel(last.newState)}` : ''}
      </p>
      <div className="tabs" role="tablist">
        {(['CODA', 'SODA', 'CARO'] as const).map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={service === s}
            onClick={() => setService(s)}
          >
            {s}
          </button>
        ))}
      </div>
      {service === 'CODA' && (
        <MandateTable
          whatLabel={t.mandates.client}
          rows={(data?.codaMandates.edges.map((e) => e.node) ?? []).map((m) => ({
            id: m.id,
            what: `${m.clientCompanyName ?? ''} — ${m.bank.name}`,
            state: m.state,
            reason: m.stateReason,
            history: m.history,
            actions: (
              <>
                {clientLink(m.clientId, m.clientCompanyName)}
                <CodaActions mandateId={m.id} actions={m.availableActions} />
              </>
            ),
          }))}
        />
      )}
      {service === 'SODA' && (
        <MandateTable
          whatLabel={t.mandates.client}
          rows={(data?.sodaMandates.edges.map((e) => e.node) ?? []).map((m) => ({
            id: m.id,
            what: `${m.client?.companyName ?? ''} — ${m.socialSecretariat.name}`,
            state: m.state,
            reason: m.stateReason,
            history: m.history,
            actions: (
              <>
                {clientLink(m.clientId, m.client?.companyName)}
                <SodaActions id={m.id} state={m.state} />
              </>
            ),
          }))}
        />
      )}
      {service === 'CARO' && (
        <MandateTable
          whatLabel={t.mandates.client}
          rows={(data?.caroOrders.edges.map((e) => e.node) ?? []).map((o) => ({
            id: o.id,
            what: `${o.client.companyName} — ${o.bank.name} — ${o.clientReference}`,
            state: o.state,
            reason: o.stateReason,
            history: o.history,
            actions: (
              <>
                {clientLink(o.clientId, o.client.companyName)}
                {o.state === 'PROBLEM' && (
                  <CaroProblem id={o.id} email={o.cardholderEmail} mobile={o.cardholderMobile} />
                )}
              </>
            ),
          }))}
        />
      )}
    </main>
  );
}
