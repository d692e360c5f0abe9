import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { Errors, Field } from '../../ui/ui';

const UpdateFinancialContact = graphql(`
  mutation UpdateFinancialContact($input: UpdateFinancialContactInput!) {
    updateFinancialContact(input: $input) {
      approvedCompany {
        id
        financialContact {
          name
          email
          phone
        }
      }
    }
  }
`);

interface Contact {
  name: string;
  email: string;
  phone?: string | null;
}

/** Billing tab: the financial contact person; a refused save keeps what was typed. */
export function FinancialContact({ companyId, contact }: { companyId: string; contact: Contact }) {
  const [form, setForm] = useState({ name: contact.name, email: contact.email, phone: contact.phone ?? '' });
  useEffect(
    () => setForm({ name: contact.name, email: contact.email, phone: contact.phone ?? '' }),
    [contact.name, contact.email, contact.phone],
  );
  const [result, update] = useMutation(UpdateFinancialContact);
  const errors = apiErrorsOf(result.error);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  return (
    <section aria-labelledby="financial-contact">
      <h2 id="financial-contact">{t.company.contactTitle}</h2>
      {/* The API's typed errors are shown at their fields, so the browser's own checks are off. */}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void update({
            input: { companyId, name: form.name, email: form.email, phone: form.phone || null },
          });
        }}
      >
        <Errors messages={errors.general} />
        <Field
          label={t.company.contactName}
          value={form.name}
          onChange={set('name')}
          error={errors.byField.name}
        />
        <Field
          label={t.company.contactEmail}
          type="email"
          value={form.email}
          onChange={set('email')}
          error={errors.byField.email}
        />
        <Field
          label={t.company.contactPhone}
          value={form.phone}
          onChange={set('phone')}
          error={errors.byField.phone}
        />
        <button type="submit" disabled={result.fetching}>
          {t.company.contactSave}
        </button>
        {result.data && !result.error && <p role="status">{t.company.contactSaved}</p>}
      </form>
    </section>
  );
}
