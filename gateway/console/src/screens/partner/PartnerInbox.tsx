import { useQuery, useMutation, useSubscription } from 'urql';
import { graphql } from '../../gql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { Errors } from '../../ui/ui';
import { History, stateLabel } from '../office/mandate-actions';
import type { CodaBankState } from '../../gql/graphql';

const SecretariatInbox = graphql(`
  query SecretariatInbox {
    sodaActivationRequests(first: 100) {
      totalCount
      edges {
        node {
          clientCompanyName
          clientEnterpriseNumber
          mandate {
            id
            state
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
  }
`);
const BankInbox = graphql(`
  query BankInbox {
    bankCodaMandates(first: 100) {
      totalCount
      edges {
        node {
          id
          clientCompanyName
          state
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
const Answer = graphql(`
  mutation AnswerSoda($input: AnswerSodaActivationRequestInput!) {
    answerSodaActivationRequest(input: $input) {
      sodaMandate {
        id
        state
      }
    }
  }
`);
const SodaLive = graphql(`
  subscription SecretariatLive {
    sodaMandateChanged {
      eventId
    }
  }
`);
const BankLive = graphql(`
  subscription BankLive {
    bankMandateChanged {
      eventId
    }
  }
`);

/** What a secretariat may answer in each state (services/mandates SODA transitions). */
const ANSWERS: Record<string, ('CONFIRM' | 'DELAY' | 'ACTIVATE' | 'NOT_AFFILIATED')[]> = {
  REQUESTED: ['CONFIRM', 'DELAY', 'ACTIVATE', 'NOT_AFFILIATED'],
  DELAYED: ['CONFIRM', 'DELAY', 'ACTIVATE', 'NOT_AFFILIATED'],
  CONFIRMED: ['DELAY', 'ACTIVATE'],
};

/** What a bank moves a signed mandate to next. */
const BANK_NEXT: Record<string, CodaBankState> = { SIGNED: 'BANK_PROCEDURE', BANK_PROCEDURE: 'ACTIVE' };

const ChangeCodaState = graphql(`
  mutation BankChangeCodaState($input: ChangeCodaMandateStateInput!) {
    changeCodaMandateState(input: $input) {
      codaMandate {
        id
        state
      }
    }
  }
`);

/** Social secretariat / bank: the requests addressed to them, live, with their actions. */
export function PartnerInbox({ partnerType }: { partnerType: string }) {
  return partnerType === 'BANK' ? <BankList /> : <SecretariatList />;
}

function SecretariatList() {
  const [{ data, error }, refetch] = useQuery({ query: SecretariatInbox });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  useSubscription({ query: SodaLive }, (_p, e) => {
    reload();
    return e;
  });
  const [answer, send] = useMutation(Answer);
  const nodes = data?.sodaActivationRequests.edges.map((e) => e.node) ?? [];
  return (
    <main>
      <h1>{t.inbox.title}</h1>
      <Errors messages={[...apiErrorsOf(error).general, ...apiErrorsOf(answer.error).general]} />
      {nodes.length === 0 && <p>{t.inbox.none}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t.inbox.client}</th>
            <th scope="col">{t.inbox.enterpriseNumber}</th>
            <th scope="col">{t.inbox.state}</th>
            <th scope="col">{t.mandates.actions}</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((r) => (
            <tr key={r.mandate.id} data-mandate={r.mandate.id}>
              <td>{r.clientCompanyName}</td>
              <td>{r.clientEnterpriseNumber}</td>
              <td>
                <span className="state">{stateLabel(r.mandate.state)}</span>
                <History entries={r.mandate.history} />
              </td>
              <td className="row">
                {(ANSWERS[r.mandate.state] ?? []).map((a) => (
                  <button
                    key={a}
                    type="button"
                    className="secondary"
                    onClick={async () => {
                      const res = await send({ input: { sodaMandateId: r.mandate.id, answer: a } });
                      if (!res.error) reload();
                    }}
                  >
                    {t.inbox.answers[a]}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

function BankList() {
  const [{ data, error }, refetch] = useQuery({ query: BankInbox });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  useSubscription({ query: BankLive }, (_p, e) => {
    reload();
    return e;
  });
  const [change, move] = useMutation(ChangeCodaState);
  return (
    <main>
      <h1>{t.inbox.bankTitle}</h1>
      <Errors messages={[...apiErrorsOf(error).general, ...apiErrorsOf(change.error).general]} />
      <table>
        <tbody>
          {data?.bankCodaMandates.edges
            .map((e) => e.node)
            .map((m) => (
              <tr key={m.id} data-mandate={m.id}>
                <td>{m.clientCompanyName}</td>
                <td>
                  <span className="state">{stateLabel(m.state)}</span>
                  <History entries={m.history} />
                </td>
                <td>
                  {BANK_NEXT[m.state] && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={async () => {
                        const res = await move({
                          input: { codaMandateId: m.id, state: BANK_NEXT[m.state]! },
                        });
                        if (!res.error) reload();
                      }}
                    >
                      {t.inbox.moveTo(stateLabel(BANK_NEXT[m.state]!))}
                    </button>
                  )}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </main>
  );
}
