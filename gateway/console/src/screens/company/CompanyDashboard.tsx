import { useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { graphql } from '../../gql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { Errors, formatDate } from '../../ui/ui';
import { CorrectPrestation } from './CorrectPrestation';
import { ExportPrestations } from './ExportPrestations';
import { companySideOf, correctable, userSideOf } from './prestation-sides';
import { euros } from './money';

const CompanyQuery = graphql(`
  query CompanyDashboard {
    titresServicesDashboard {
      companyId
      prestationsAwaitingCompany
      vouchersLeftToRequest
      reimbursementRequestCount
      pickupCount
      prestationsByState {
        count
      }
      latestReimbursementRequests {
        id
        voucherCount
        amountCents
        createdAt
      }
    }
    prestations(first: 50) {
      edges {
        node {
          id
          performedOn
          hours
          activity
          state
          exportStatusLabel
          awaitingCompanyValidation
          awaitingUserConfirmation
          autoValidatedAt
          vouchersAttributed
          vouchersRemaining
          vouchersLeftToRequest
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
const RequestReimbursement = graphql(`
  mutation RequestReimbursement($input: RequestReimbursementInput!) {
    requestReimbursement(input: $input) {
      reimbursementRequest {
        id
        voucherCount
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

/** Approved company: dashboard, prestations (validate / correct, parallel validation), remises. */
export function CompanyDashboard() {
  const [{ data, error }, refetch] = useQuery({ query: CompanyQuery });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [validation, validate] = useMutation(ValidatePrestation);
  const [remise, requestReimbursement] = useMutation(RequestReimbursement);
  const [correcting, setCorrecting] = useState<string | null>(null);
  const [toReimburse, setToReimburse] = useState<Set<string>>(new Set());
  useSubscription({ query: PrestationChanged }, (_p, e) => {
    reload();
    return e;
  });
  const d = data?.titresServicesDashboard;
  const prestations = data?.prestations.edges.map((e) => e.node) ?? [];
  const corrected = prestations.find((p) => p.id === correcting);
  const toggle = (id: string) =>
    setToReimburse((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const reimburse = async () => {
    if (!d) return;
    const res = await requestReimbursement({
      input: { companyId: d.companyId, prestationIds: [...toReimburse] },
    });
    if (!res.error) {
      setToReimburse(new Set());
      reload();
    }
  };
  const done = remise.data?.requestReimbursement.reimbursementRequest.voucherCount;
  return (
    <main>
      <h1>{t.company.title}</h1>
      <Errors
        messages={[
          ...apiErrorsOf(error).general,
          ...apiErrorsOf(validation.error).general,
          ...apiErrorsOf(remise.error).general,
        ]}
      />
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
      {d && (
        <ExportPrestations
          companyId={d.companyId}
          total={d.prestationsByState.reduce((sum, s) => sum + s.count, 0)}
        />
      )}
      {done !== undefined && !remise.error && <p role="status">{t.company.reimbursementDone(done)}</p>}
      <button
        type="button"
        disabled={toReimburse.size === 0 || remise.fetching}
        onClick={() => void reimburse()}
      >
        {t.company.requestReimbursement}
      </button>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.company.toReimburse}</th>
            <th scope="col">{t.company.performedOn}</th>
            <th scope="col">{t.company.worker}</th>
            <th scope="col">{t.company.user}</th>
            <th scope="col">{t.company.hours}</th>
            <th scope="col">{t.mandates.state}</th>
            <th scope="col">{t.company.companySide}</th>
            <th scope="col">{t.company.userSide}</th>
            <th scope="col">{t.company.attributed}</th>
            <th scope="col">{t.company.remaining}</th>
            <th scope="col">{t.mandates.actions}</th>
          </tr>
        </thead>
        <tbody>
          {prestations.map((p) => {
            const user = `${p.voucherUser.firstName} ${p.voucherUser.lastName}`;
            return (
              <tr key={p.id} data-prestation={p.id}>
                <td>
                  {p.vouchersLeftToRequest > 0 && (
                    <input
                      type="checkbox"
                      aria-label={t.company.selectForReimbursement(p.performedOn, user)}
                      checked={toReimburse.has(p.id)}
                      onChange={() => toggle(p.id)}
                    />
                  )}
                </td>
                <td>{p.performedOn}</td>
                <td>
                  {p.worker.firstName} {p.worker.lastName}
                </td>
                <td>{user}</td>
                <td className="hours">{p.hours}</td>
                <td className="state">{p.exportStatusLabel}</td>
                <td className="company-side">{t.company.companyStates[companySideOf(p)]}</td>
                <td className="user-side">{t.company.userStates[userSideOf(p)]}</td>
                <td>{p.vouchersAttributed}</td>
                <td>{p.vouchersRemaining}</td>
                <td>
                  {p.awaitingCompanyValidation && (
                    <button type="button" onClick={() => void validate({ input: { prestationId: p.id } })}>
                      {t.company.validate}
                    </button>
                  )}{' '}
                  {correctable(p.state) && (
                    <button type="button" className="secondary" onClick={() => setCorrecting(p.id)}>
                      {t.company.correct}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {corrected && (
        <CorrectPrestation
          prestation={corrected}
          onDone={() => {
            setCorrecting(null);
            reload();
          }}
        />
      )}
      <h2>{t.company.latestRemises}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.company.date}</th>
            <th scope="col">{t.company.vouchers}</th>
            <th scope="col">{t.company.amount}</th>
          </tr>
        </thead>
        <tbody>
          {d?.latestReimbursementRequests.map((r) => (
            <tr key={r.id}>
              <td>{formatDate(r.createdAt)}</td>
              <td>{r.voucherCount}</td>
              <td>{euros(r.amountCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d?.latestReimbursementRequests.length === 0 && <p>{t.company.noRemise}</p>}
    </main>
  );
}
