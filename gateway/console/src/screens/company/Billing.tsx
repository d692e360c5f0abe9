import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { Errors } from '../../ui/ui';
import { DirectDebit } from './DirectDebit';
import { FinancialContact } from './FinancialContact';
import { InvoiceDetail } from './InvoiceDetail';
import { euros } from './money';

const BillingQuery = graphql(`
  query CompanyBilling {
    myApprovedCompany {
      id
      financialContact {
        name
        email
        phone
      }
    }
    companyInvoices(first: 100) {
      edges {
        node {
          id
          number
          period
          totalCents
          dueOn
          paymentState
        }
      }
    }
    directDebitRequests(first: 100) {
      edges {
        node {
          id
          iban
          accountHolder
          state
          reason
          createdAt
        }
      }
    }
  }
`);

/** Approved company: the billing tab — invoices with details, financial contact, direct debits. */
export function Billing() {
  const [{ data, error }, refetch] = useQuery({ query: BillingQuery });
  const [opened, setOpened] = useState<string | null>(null);
  const company = data?.myApprovedCompany;
  const invoices = data?.companyInvoices.edges.map((e) => e.node) ?? [];
  return (
    <main>
      <h1>{t.company.billing}</h1>
      <Errors messages={apiErrorsOf(error).general} />
      <h2>{t.company.invoices}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.company.number}</th>
            <th scope="col">{t.company.period}</th>
            <th scope="col">{t.company.total}</th>
            <th scope="col">{t.company.due}</th>
            <th scope="col">{t.company.paymentState}</th>
            <th scope="col">{t.mandates.actions}</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((i) => (
            <tr key={i.id} data-invoice={i.id}>
              <td>{i.number}</td>
              <td>{i.period}</td>
              <td>{euros(i.totalCents)}</td>
              <td>{i.dueOn}</td>
              <td>{t.company.paymentStates[i.paymentState]}</td>
              <td>
                <button
                  type="button"
                  aria-label={t.company.detailsOf(i.number)}
                  onClick={() => setOpened(i.id)}
                >
                  {t.company.details}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && invoices.length === 0 && <p>{t.company.noInvoice}</p>}
      {opened && <InvoiceDetail id={opened} onClose={() => setOpened(null)} />}
      {company && <FinancialContact companyId={company.id} contact={company.financialContact} />}
      {company && (
        <DirectDebit
          companyId={company.id}
          requests={data?.directDebitRequests.edges.map((e) => e.node) ?? []}
          onChanged={() => refetch({ requestPolicy: 'network-only' })}
        />
      )}
    </main>
  );
}
