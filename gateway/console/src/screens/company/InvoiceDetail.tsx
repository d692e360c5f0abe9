import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { Dialog, Errors } from '../../ui/ui';
import { euros } from './money';

const InvoiceQuery = graphql(`
  query InvoiceDetail($id: ID!) {
    invoice(id: $id) {
      id
      number
      period
      periodStart
      periodEnd
      paymentMethod
      subtotalCents
      vatRatePercent
      vatCents
      totalCents
      dueOn
      paymentState
      lines {
        kind
        description
        quantity
        unitCents
        amountCents
        occurredOn
      }
      pdf {
        url
        fileName
      }
    }
  }
`);

/** One invoice opened from the billing tab: lines, period, totals, VAT, payment state and PDF. */
export function InvoiceDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const [{ data, error }] = useQuery({ query: InvoiceQuery, variables: { id } });
  const i = data?.invoice;
  return (
    <Dialog title={t.company.invoiceTitle(i?.number ?? '')} onClose={onClose} closeLabel={t.company.close}>
      <Errors messages={apiErrorsOf(error).general} />
      {i && (
        <>
          <dl className="invoice-summary">
            <dt>{t.company.period}</dt>
            <dd>
              {i.period} ({t.company.periodRange(i.periodStart, i.periodEnd)})
            </dd>
            <dt>{t.company.due}</dt>
            <dd>{i.dueOn}</dd>
            <dt>{t.company.paymentState}</dt>
            <dd>{t.company.paymentStates[i.paymentState]}</dd>
            <dt>{t.company.paymentMethod}</dt>
            <dd>{t.company.paymentMethods[i.paymentMethod]}</dd>
          </dl>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.company.date}</th>
                <th scope="col">{t.company.line}</th>
                <th scope="col">{t.company.quantity}</th>
                <th scope="col">{t.company.unit}</th>
                <th scope="col">{t.company.amount}</th>
              </tr>
            </thead>
            <tbody>
              {i.lines.map((l, n) => (
                <tr key={n}>
                  <td>{l.occurredOn}</td>
                  <td>{l.description}</td>
                  <td>{l.quantity}</td>
                  <td>{euros(l.unitCents)}</td>
                  <td>{euros(l.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="invoice-totals">
            <dt>{t.company.subtotal}</dt>
            <dd>{euros(i.subtotalCents)}</dd>
            <dt>{t.company.vat(i.vatRatePercent)}</dt>
            <dd>{euros(i.vatCents)}</dd>
            <dt>{t.company.totalVat}</dt>
            <dd>{euros(i.totalCents)}</dd>
          </dl>
          <p>
            <a href={i.pdf.url} download={i.pdf.fileName}>
              {t.company.pdf}
            </a>
          </p>
        </>
      )}
    </Dialog>
  );
}
