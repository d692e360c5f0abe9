import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { Errors, formatDate } from '../../ui/ui';

const ClientConnectorQuery = graphql(`
  query ClientConnector($id: ID!) {
    client(id: $id) {
      id
      connectorAssociation {
        associatedAt
        connector {
          id
          software {
            name
          }
        }
      }
    }
    connectors {
      id
      state
      software {
        name
      }
    }
  }
`);
const AssociateClient = graphql(`
  mutation AssociateClient($input: AssociateClientInput!) {
    associateClient(input: $input) {
      client {
        id
      }
    }
  }
`);
const DisassociateFromRecord = graphql(`
  mutation DisassociateFromRecord($input: DisassociateClientInput!) {
    disassociateClient(input: $input) {
      client {
        id
      }
    }
  }
`);

/** So bank from the client's record ("Associer un seul dossier"): associate or disassociate it. */
export function ClientConnector({ clientId }: { clientId: string }) {
  const [{ data, error }, refetch] = useQuery({ query: ClientConnectorQuery, variables: { id: clientId } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [associated, associate] = useMutation(AssociateClient);
  const [disassociated, disassociate] = useMutation(DisassociateFromRecord);
  const [connectorId, setConnectorId] = useState('');
  const active = data?.connectors.filter((c) => c.state === 'ACTIVE') ?? [];
  const chosen = connectorId || active[0]?.id || '';
  const association = data?.client?.connectorAssociation;
  const errors = apiErrorsOf(associated.error);
  const after = (r: { error?: unknown }) => {
    if (!r.error) reload();
  };
  return (
    <section aria-label={t.client.tabs.sobank}>
      <Errors
        messages={[
          ...apiErrorsOf(error).general,
          ...errors.general,
          ...apiErrorsOf(disassociated.error).general,
        ]}
      />
      {association ? (
        <>
          <p className="association">
            {t.client.associatedWith(
              association.connector.software.name,
              formatDate(association.associatedAt),
            )}
          </p>
          <button
            type="button"
            className="secondary"
            disabled={disassociated.fetching}
            onClick={() => void disassociate({ input: { clientId } }).then(after)}
          >
            {t.connectors.disassociate}
          </button>
        </>
      ) : (
        <>
          <p className="association">{t.client.notAssociated}</p>
          {active.length === 0 ? (
            <p>{t.client.noActiveConnector}</p>
          ) : (
            <div className="row">
              <label htmlFor="client-connector">{t.connectors.connector}</label>
              <select id="client-connector" value={chosen} onChange={(e) => setConnectorId(e.target.value)}>
                {active.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.software.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                disabled={associated.fetching}
                onClick={() => void associate({ input: { clientId, connectorId: chosen } }).then(after)}
              >
                {t.client.associate}
              </button>
              {errors.byField.connectorId && <p className="field-error">{errors.byField.connectorId}</p>}
            </div>
          )}
        </>
      )}
    </section>
  );
}
