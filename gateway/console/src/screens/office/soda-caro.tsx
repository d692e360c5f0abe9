import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { Errors, Field } from '../../ui/ui';

const SodaChoices = graphql(`
  query SodaChoices {
    socialSecretariats {
      id
      name
      isPartner
    }
    mandateSoftwares {
      id
      name
      imports
    }
  }
`);
const OrderSoda = graphql(`
  mutation OrderSoda($input: OrderSodaInput!) {
    orderSoda(input: $input) {
      sodaMandates {
        id
        state
      }
    }
  }
`);
const Boost = graphql(`
  query SodaBoost($clientId: ID!) {
    sodaBoost(clientId: $clientId) {
      affiliatedSecretariat {
        id
        name
      }
    }
  }
`);
const RequestAgain = graphql(`
  mutation RequestSodaAgain($input: RequestSodaActivationAgainInput!) {
    requestSodaActivationAgain(input: $input) {
      sodaMandate {
        id
        state
      }
    }
  }
`);
const CancelCaro = graphql(`
  mutation CancelCaro($input: CancelCaroOrderInput!) {
    cancelCaroOrder(input: $input) {
      caroOrder {
        id
        state
      }
    }
  }
`);
const UpdateCardholder = graphql(`
  mutation UpdateCardholder($input: UpdateCaroCardholderInput!) {
    updateCaroCardholder(input: $input) {
      caroOrder {
        id
        state
      }
    }
  }
`);
const RecreateCaro = graphql(`
  mutation RecreateCaro($input: RecreateCaroOrderInput!) {
    recreateCaroOrder(input: $input) {
      caroOrder {
        id
        state
      }
    }
  }
`);

/** "Nouveau Mandat SODA": one or several partner secretariats, the software, Boost look-up. */
export function NewSodaMandate({ clientId, onSaved }: { clientId: string; onSaved: () => void }) {
  const [{ data }] = useQuery({ query: SodaChoices });
  const [selected, setSelected] = useState<string[]>(['']);
  const [softwareId, setSoftwareId] = useState('');
  const [state, order] = useMutation(OrderSoda);
  const [boostAsked, setBoostAsked] = useState(false);
  const [boost] = useQuery({ query: Boost, variables: { clientId }, pause: !boostAsked });
  const errors = apiErrorsOf(state.error);
  const boostErrors = apiErrorsOf(boost.error);
  const partners = data?.socialSecretariats.filter((s) => s.isPartner) ?? [];
  return (
    <form
      aria-label={t.mandates.newSoda}
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await order({
          input: { clientId, softwareId, socialSecretariatIds: selected.filter(Boolean) },
        });
        if (!r.error) onSaved();
      }}
    >
      <h3>{t.mandates.newSoda}</h3>
      {selected.map((value, i) => (
        <div className="field" key={i}>
          <label htmlFor={`secretariat-${i}`}>
            {t.mandates.secretariat} {selected.length > 1 ? i + 1 : ''}
          </label>
          <select
            id={`secretariat-${i}`}
            value={value}
            onChange={(e) => setSelected(selected.map((v, j) => (j === i ? e.target.value : v)))}
          >
            <option value="">—</option>
            {partners.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      ))}
      {errors.byField.socialSecretariatIds && (
        <p className="field-error">{errors.byField.socialSecretariatIds}</p>
      )}
      <button type="button" className="secondary" onClick={() => setSelected([...selected, ''])}>
        {t.mandates.addSecretariat}
      </button>
      <div className="field">
        <label htmlFor="soda-software">{t.mandates.software}</label>
        <select id="soda-software" value={softwareId} onChange={(e) => setSoftwareId(e.target.value)}>
          <option value="">—</option>
          {data?.mandateSoftwares.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        {errors.byField.softwareId && <p className="field-error">{errors.byField.softwareId}</p>}
      </div>
      <div className="row">
        <button type="submit" disabled={state.fetching}>
          {t.mandates.saveMandate}
        </button>
        <button type="button" className="secondary" onClick={() => setBoostAsked(true)}>
          {t.mandates.boost}
        </button>
      </div>
      {boost.data && (
        <p role="status">
          {boost.data.sodaBoost.affiliatedSecretariat
            ? t.mandates.boostResult(boost.data.sodaBoost.affiliatedSecretariat.name)
            : t.mandates.boostNone}
        </p>
      )}
      <Errors messages={[...errors.general, ...boostErrors.general, ...Object.values(boostErrors.byField)]} />
    </form>
  );
}

export function SodaActions({ id, state }: { id: string; state: string }) {
  const [again, requestAgain] = useMutation(RequestAgain);
  if (state !== 'PROBLEM') return null;
  return (
    <div>
      <button
        type="button"
        className="secondary"
        onClick={() => void requestAgain({ input: { sodaMandateId: id } })}
      >
        {t.mandates.requestAgain}
      </button>
      <Errors messages={apiErrorsOf(again.error).general} />
    </div>
  );
}

/** A CARO order in PROBLEM: cancel it, correct the cardholder's contact, or recreate with the right reference. */
export function CaroProblem({ id, email, mobile }: { id: string; email: string; mobile: string }) {
  const [cancel, doCancel] = useMutation(CancelCaro);
  const [update, doUpdate] = useMutation(UpdateCardholder);
  const [recreate, doRecreate] = useMutation(RecreateCaro);
  const [reason, setReason] = useState('');
  const [contact, setContact] = useState({ cardholderEmail: email, cardholderMobile: mobile });
  const [reference, setReference] = useState('');
  const e1 = apiErrorsOf(cancel.error);
  const e2 = apiErrorsOf(update.error);
  const e3 = apiErrorsOf(recreate.error);
  return (
    <details>
      <summary>{t.mandates.caroProblem}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void doCancel({ input: { caroOrderId: id, reason } });
        }}
      >
        <Field
          label={t.mandates.reason}
          value={reason}
          error={e1.byField.reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button type="submit">{t.mandates.caroCancel}</button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void doUpdate({ input: { caroOrderId: id, ...contact } });
        }}
      >
        <Field
          label={t.mandates.cardholderEmail}
          value={contact.cardholderEmail}
          error={e2.byField.cardholderEmail}
          onChange={(e) => setContact({ ...contact, cardholderEmail: e.target.value })}
        />
        <Field
          label={t.mandates.cardholderMobile}
          value={contact.cardholderMobile}
          error={e2.byField.cardholderMobile}
          onChange={(e) => setContact({ ...contact, cardholderMobile: e.target.value })}
        />
        <button type="submit">{t.mandates.caroUpdate}</button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void doRecreate({ input: { caroOrderId: id, clientReference: reference } });
        }}
      >
        <Field
          label={t.mandates.clientReference}
          value={reference}
          error={e3.byField.clientReference}
          onChange={(e) => setReference(e.target.value)}
        />
        <button type="submit">{t.mandates.caroRecreate}</button>
      </form>
      <Errors messages={[...e1.general, ...e2.general, ...e3.general]} />
    </details>
  );
}
