import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { Errors, Field, formatDate } from '../../ui/ui';

const RequestDirectDebit = graphql(`
  mutation RequestDirectDebit($input: RequestDirectDebitInput!) {
    requestDirectDebit(input: $input) {
      directDebitRequest {
        id
        state
      }
    }
  }
`);
const CancelDirectDebit = graphql(`
  mutation CancelDirectDebitRequest($input: CancelDirectDebitRequestInput!) {
    cancelDirectDebitRequest(input: $input) {
      directDebitRequest {
        id
        state
      }
    }
  }
`);

interface Request {
  id: string;
  iban: string;
  accountHolder: string;
  state: string;
  reason?: string | null;
  createdAt: string;
}

const OPEN = new Set(['REQUESTED', 'ACTIVE']);

/** Billing tab: the direct-debit (domiciliation) requests and the form to ask for one. */
export function DirectDebit({
  companyId,
  requests,
  onChanged,
}: {
  companyId: string;
  requests: Request[];
  onChanged: () => void;
}) {
  const [iban, setIban] = useState('');
  const [accountHolder, setAccountHolder] = useState('');
  const [requested, request] = useMutation(RequestDirectDebit);
  const [cancelled, cancel] = useMutation(CancelDirectDebit);
  const errors = apiErrorsOf(requested.error);
  return (
    <section aria-labelledby="direct-debits">
      <h2 id="direct-debits">{t.company.directDebitTitle}</h2>
      <Errors messages={apiErrorsOf(cancelled.error).general} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t.company.date}</th>
            <th scope="col">{t.company.iban}</th>
            <th scope="col">{t.company.accountHolder}</th>
            <th scope="col">{t.mandates.state}</th>
            <th scope="col">{t.mandates.actions}</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr key={r.id} data-direct-debit={r.id}>
              <td>{formatDate(r.createdAt)}</td>
              <td>{r.iban}</td>
              <td>{r.accountHolder}</td>
              <td className="state">
                {t.company.directDebitStates[r.state]}
                {r.reason ? ` — ${r.reason}` : ''}
              </td>
              <td>
                {OPEN.has(r.state) && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={async () => {
                      const res = await cancel({ input: { requestId: r.id } });
                      if (!res.error) onChanged();
                    }}
                  >
                    {t.company.cancelDirectDebit}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {requests.length === 0 && <p>{t.company.noDirectDebit}</p>}
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const res = await request({ input: { companyId, iban, accountHolder } });
          if (!res.error) {
            setIban('');
            setAccountHolder('');
            onChanged();
          }
        }}
      >
        <Errors messages={errors.general} />
        <Field
          label={t.company.iban}
          value={iban}
          onChange={(e) => setIban(e.target.value)}
          error={errors.byField.iban}
        />
        <Field
          label={t.company.accountHolder}
          value={accountHolder}
          onChange={(e) => setAccountHolder(e.target.value)}
          error={errors.byField.accountHolder}
        />
        <button type="submit" disabled={requested.fetching}>
          {t.company.requestDirectDebit}
        </button>
      </form>
    </section>
  );
}
