import { useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { graphql } from '../../gql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { Errors, Field } from '../../ui/ui';

const VoucherQuery = graphql(`
  query VoucherUserHome {
    prestations(first: 50) {
      edges {
        node {
          id
          performedOn
          hours
          exportStatusLabel
          awaitingUserConfirmation
          company {
            companyName
          }
        }
      }
    }
    myVoucherWallet {
      balance
    }
  }
`);
const Confirm = graphql(`
  mutation ConfirmPrestation($input: ConfirmPrestationInput!) {
    confirmPrestation(input: $input) {
      prestation {
        id
        state
      }
    }
  }
`);
const Contest = graphql(`
  mutation ContestPrestation($input: ContestPrestationInput!) {
    contestPrestation(input: $input) {
      prestation {
        id
        state
      }
    }
  }
`);
const Awaiting = graphql(`
  subscription VoucherAwaiting {
    prestationAwaitingConfirmation {
      eventId
      prestationId
    }
  }
`);

/** Voucher user: prestations to confirm or contest, wallet. */
export function VoucherUserHome() {
  const [{ data, error }, refetch] = useQuery({ query: VoucherQuery });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  useSubscription({ query: Awaiting }, (_p, e) => {
    reload();
    return e;
  });
  const [confirmState, confirm] = useMutation(Confirm);
  const [contestState, contest] = useMutation(Contest);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const contestErrors = apiErrorsOf(contestState.error);
  const waiting = data?.prestations.edges.map((e) => e.node).filter((p) => p.awaitingUserConfirmation) ?? [];
  return (
    <main>
      <h1>{t.voucher.title}</h1>
      <Errors
        messages={[
          ...apiErrorsOf(error).general,
          ...apiErrorsOf(confirmState.error).general,
          ...contestErrors.general,
        ]}
      />
      {waiting.length === 0 && <p>{t.voucher.none}</p>}
      <ul>
        {waiting.map((p) => (
          <li key={p.id}>
            {p.performedOn} — {p.company?.companyName ?? ''} — {p.hours} h — {p.exportStatusLabel}
            <div className="row">
              <button
                type="button"
                onClick={async () => !(await confirm({ input: { prestationId: p.id } })).error && reload()}
              >
                {t.voucher.confirm}
              </button>
              <Field
                label={t.voucher.reason}
                value={reasons[p.id] ?? ''}
                error={contestErrors.byField.reason}
                onChange={(e) => setReasons({ ...reasons, [p.id]: e.target.value })}
              />
              <button
                type="button"
                className="secondary"
                onClick={async () =>
                  !(await contest({ input: { prestationId: p.id, reason: reasons[p.id] ?? '' } })).error &&
                  reload()
                }
              >
                {t.voucher.contest}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <h2>{t.voucher.wallet}</h2>
      <p>{t.voucher.balance(data?.myVoucherWallet.balance ?? 0)}</p>
    </main>
  );
}
