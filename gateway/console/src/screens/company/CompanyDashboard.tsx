import { useMutation, useQuery, useSubscription } from 'urql';
import { graphql } from '../../gql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { Errors } from '../../ui/ui';

const CompanyQuery = graphql(`
  query CompanyDashboard {
    titresServicesDashboard {
      prestationsAwaitingCompany
      vouchersLeftToRequest
      reimbursementRequestCount
      pickupCount
      prestationsByState {
        state
        count
      }
    }
    prestations(first: 50) {
      items {
        id
        performedOn
        hours
        state
        exportStatusLabel
        awaitingCompanyValidation
        vouchersAttributed
        vouchersRemaining
        worker {
          firstName
          lastName
        }
        voucherUser {
          firstName
          lastName
        }
      }
    }
    companyInvoices {
      id
      number
      period
      totalCents
      dueOn
      paymentState
    }
  }
`);
const ValidatePrestation = graphql(`
  mutation ValidatePrestation($input: ValidatePrestationInput!) {
    validatePrestation(input: $input) {
      prestation {
        id
        state
      }
    }
  }
`);
const PrestationChanged = graphql(`
  subscription CompanyPrestationChanged {
    prestationChanged {
      eventId
      prestationId
    }
  }
`);

const euros = (cents: number) =>
  (cents / 100).toLocaleString('fr-BE', { style: 'currency', currency: 'EUR' });

/** Approved company: dashboard, prestations to validate (attributed / remaining), billing tab. */
export function CompanyDashboard() {
  const [{ data, error }, refetch] = useQuery({ query: CompanyQuery });
  const [validation, validate] = useMutation(ValidatePrestation);
  useSubscription({ query: PrestationChanged }, (_p, e) => {
    refetch({ requestPolicy: 'network-only' });
    return e;
  });
  const d = data?.titresServicesDashboard;
  return (
    <main>
      <h1>{t.company.title}</h1>
      <Errors messages={[...apiErrorsOf(error).general, ...apiErrorsOf(validation.error).general]} />
      {d && (
        <div className="cards">
          <div className="card">
            {t.company.awaiting} : <strong>{d.prestationsAwaitingCompany}</strong>
          </div>
          <div className="card">
            {t.company.vouchersLeft} : <strong>{d.vouchersLeftToRequest}</strong>
          </div>
          <div className="card">
            {t.company.reimbursements} : <strong>{d.reimbursementRequestCount}</strong>
          </div>
          <div className="card">
            {t.company.pickups} : <strong>{d.pickupCount}</strong>
          </div>
        </div>
      )}
      <h2>{t.company.prestations}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.company.performedOn}</th>
            <th scope="col">{t.company.worker}</th>
            <th scope="col">{t.company.user}</th>
            <th scope="col">{t.company.hours}</th>
            <th scope="col">{t.mandates.state}</th>
            <th scope="col">{t.company.attributed}</th>
            <th scope="col">{t.company.remaining}</th>
            <th scope="col">{t.mandates.actions}</th>
          </tr>
        </thead>
        <tbody>
          {data?.prestations.items.map((p) => (
            <tr key={p.id}>
              <td>{p.performedOn}</td>
              <td>
                {p.worker.firstName} {p.worker.lastName}
              </td>
              <td>
                {p.voucherUser.firstName} {p.voucherUser.lastName}
              </td>
              <td>{p.hours}</td>
              <td>{p.exportStatusLabel}</td>
              <td>{p.vouchersAttributed}</td>
              <td>{p.vouchersRemaining}</td>
              <td>
                {p.awaitingCompanyValidation && (
                  <button type="button" onClick={() => void validate({ input: { prestationId: p.id } })}>
                    {t.company.validate}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t.company.billing}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.company.number}</th>
            <th scope="col">{t.company.invoices}</th>
            <th scope="col">{t.company.total}</th>
            <th scope="col">{t.company.due}</th>
          </tr>
        </thead>
        <tbody>
          {data?.companyInvoices.map((i) => (
            <tr key={i.id}>
              <td>{i.number}</td>
              <td>{i.period}</td>
              <td>{euros(i.totalCents)}</td>
              <td>
                {i.dueOn} ({i.paymentState})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
