import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { navigate } from '../../router';
import { Errors, Field, Link } from '../../ui/ui';

const ClientsQuery = graphql(`
  query ClientList($filter: ClientFilter, $first: Int, $after: String) {
    clients(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          companyName
          clientCode
          enterpriseNumber
          email
        }
      }
    }
  }
`);

const AddMissingEmails = graphql(`
  mutation AddMissingEmails($input: AddMissingEmailsInput!) {
    addMissingEmails(input: $input) {
      clients {
        id
        email
      }
    }
  }
`);

const PAGE_SIZE = 20;

/** MyCodaBox > Clients > Liste Clients: search, paging, the 'Adresse email manquante' filter. */
export function ClientList() {
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  const [missingEmail, setMissingEmail] = useState(false);
  // Cursors of the pages before the current one (paging back).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ClientsQuery,
    variables: {
      filter: { search: applied || undefined, missingEmail: missingEmail || undefined },
      first: PAGE_SIZE,
      after,
    },
  });
  const [emails, setEmails] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<number | null>(null);
  const [saveState, addMissingEmails] = useMutation(AddMissingEmails);
  const saveErrors = apiErrorsOf(saveState.error);
  const rows = data?.clients.edges.map((e) => e.node) ?? [];
  const entries = rows.filter((c) => (emails[c.id] ?? '').trim() !== '');

  const saveEmails = async () => {
    setSaved(null);
    const result = await addMissingEmails({
      input: { entries: entries.map((c) => ({ clientId: c.id, email: emails[c.id]!.trim() })) },
    });
    if (!result.error) {
      setSaved(result.data?.addMissingEmails.clients.length ?? 0);
      setEmails({});
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <main>
      <h1>{t.clients.title}</h1>
      <form
        className="row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(search.trim());
          setCursors([null]);
        }}
      >
        <Field
          label={t.clients.search}
          type="search"
          placeholder={t.clients.searchPlaceholder}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="submit">{t.clients.search}</button>
        <label>
          <input
            type="checkbox"
            checked={missingEmail}
            onChange={(e) => {
              setMissingEmail(e.target.checked);
              setCursors([null]);
            }}
          />{' '}
          {t.clients.missingEmail}
        </label>
      </form>
      <Errors messages={apiErrorsOf(error).general} />
      <p aria-live="polite">
        {fetching && !data ? t.app.loading : t.clients.total(data?.clients.totalCount ?? 0)}
      </p>
      {saved !== null && (
        <p className="notice" role="status">
          {t.clients.emailsSaved(saved)}
        </p>
      )}
      <Errors messages={saveErrors.general} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t.clients.companyName}</th>
            <th scope="col">{t.clients.clientCode}</th>
            <th scope="col">{t.clients.enterpriseNumber}</th>
            <th scope="col">{t.clients.email}</th>
            <th scope="col">{t.clients.actions}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c, i) => (
            <tr key={c.id}>
              <td>
                <Link to={`/clients/${c.id}`}>{c.companyName}</Link>
              </td>
              <td>{c.clientCode}</td>
              <td>{c.enterpriseNumber}</td>
              <td>
                {c.email ?? (
                  <Field
                    label={`${t.clients.email} — ${c.companyName}`}
                    type="email"
                    value={emails[c.id] ?? ''}
                    error={
                      saveErrors.byField[`entries.${entries.indexOf(c)}.email`] ??
                      saveErrors.byField[`entries.${entries.indexOf(c)}.clientId`]
                    }
                    onChange={(e) => setEmails({ ...emails, [c.id]: e.target.value })}
                    data-row={i}
                  />
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => navigate(`/clients/${c.id}?tab=soda`)}
                >
                  {t.clients.newSoda}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && !fetching && <p>{t.clients.none}</p>}
      <div className="row">
        {entries.length > 0 && (
          <button type="button" disabled={saveState.fetching} onClick={() => void saveEmails()}>
            {t.clients.addEmails}
          </button>
        )}
        <button
          type="button"
          className="secondary"
          disabled={cursors.length <= 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          {t.clients.previous}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!data?.clients.pageInfo.hasNextPage}
          onClick={() => setCursors([...cursors, data?.clients.pageInfo.endCursor ?? null])}
        >
          {t.clients.next}
        </button>
      </div>
    </main>
  );
}
