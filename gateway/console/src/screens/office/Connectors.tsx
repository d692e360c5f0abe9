import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { Errors, Progress } from '../../ui/ui';

const ConnectorsQuery = graphql(`
  query Connectors {
    connectorSoftwares {
      id
      name
    }
    connectors {
      id
      state
      software {
        name
      }
    }
    clients(first: 100) {
      totalCount
      edges {
        node {
          id
          companyName
          connectorAssociation {
            connector {
              id
              software {
                name
              }
            }
          }
        }
      }
    }
    globalFiles(first: 5) {
      edges {
        node {
          id
          businessDate
          entryCount
          file {
            fileName
            downloadUrl
          }
        }
      }
    }
  }
`);
const AddConnector = graphql(`
  mutation AddConnector($input: AddConnectorInput!) {
    addConnector(input: $input) {
      connector {
        id
      }
    }
  }
`);
const ValidateConnector = graphql(`
  mutation ValidateConnector($input: ValidateConnectorInput!) {
    validateConnector(input: $input) {
      connector {
        id
        state
      }
    }
  }
`);
const DeleteConnector = graphql(`
  mutation DeleteConnector($input: DeleteConnectorInput!) {
    deleteConnector(input: $input) {
      connector {
        id
        state
      }
    }
  }
`);
const Associate = graphql(`
  mutation AssociateClients($input: AssociateClientsInput!) {
    associateClients(input: $input) {
      associations {
        associatedAt
      }
    }
  }
`);
const AssociateAll = graphql(`
  mutation AssociateAllClients($input: AssociateAllClientsInput!) {
    associateAllClients(input: $input) {
      associatedCount
    }
  }
`);
const Disassociate = graphql(`
  mutation DisassociateClient($input: DisassociateClientInput!) {
    disassociateClient(input: $input) {
      __typename
    }
  }
`);

/** So bank > Mes connecteurs: add, validate, associate (tick-boxes, "tout associer"), delete, files. */
export function Connectors() {
  const [{ data, error }, refetch] = useQuery({ query: ConnectorsQuery });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [softwareId, setSoftwareId] = useState('');
  const [ticked, setTicked] = useState<string[]>([]);
  const mutations = [
    useMutation(AddConnector),
    useMutation(ValidateConnector),
    useMutation(DeleteConnector),
    useMutation(Associate),
    useMutation(AssociateAll),
    useMutation(Disassociate),
  ] as const;
  const [
    [add, doAdd],
    [, doValidate],
    [, doDelete],
    [, doAssociate],
    [, doAssociateAll],
    [, doDisassociate],
  ] = mutations;
  const errors = mutations.map(([s]) => apiErrorsOf(s.error));
  const working = mutations.some(([s]) => s.fetching);
  const run = async (p: Promise<{ error?: unknown }>) => {
    const r = await p;
    if (!r.error) reload();
  };
  const activeConnectors = data?.connectors.filter((c) => c.state === 'ACTIVE') ?? [];
  const [targetId, setTargetId] = useState('');
  const active = activeConnectors.find((c) => c.id === targetId) ?? activeConnectors[0];
  const clients = data?.clients.edges.map((e) => e.node) ?? [];
  // How many "tout associer" will associate is known only when every client is on screen.
  const unassociated =
    data && clients.length === data.clients.totalCount
      ? clients.filter((c) => !c.connectorAssociation).length
      : undefined;
  const [progress, setProgress] = useState<{ text: string; done?: number; total?: number } | null>(null);
  const associateAll = async (connectorId: string) => {
    setProgress({ text: t.connectors.associatingAll(unassociated), total: unassociated });
    const r = await doAssociateAll({ input: { connectorId } });
    const done = r.data?.associateAllClients.associatedCount;
    setProgress(
      done === undefined ? null : { text: t.connectors.associatedCount(done, done), done, total: done },
    );
    if (!r.error) reload();
  };
  const associateTicked = async (connectorId: string) => {
    const total = ticked.length;
    setProgress({ text: t.connectors.associating(total), total });
    const r = await doAssociate({ input: { connectorId, clientIds: ticked } });
    const done = r.data?.associateClients.associations.length;
    setProgress(done === undefined ? null : { text: t.connectors.associatedCount(done, total), done, total });
    if (!r.error) {
      setTicked([]);
      reload();
    }
  };
  return (
    <main>
      <h1>{t.connectors.title}</h1>
      <Errors messages={[...apiErrorsOf(error).general, ...errors.flatMap((e) => e.general)]} />
      {progress ? (
        <Progress label={t.connectors.progressLabel} {...progress} />
      ) : (
        working && <p role="status">{t.connectors.working}</p>
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void run(doAdd({ input: { softwareId } }));
        }}
      >
        <label htmlFor="connector-software">{t.connectors.software}</label>
        <select id="connector-software" value={softwareId} onChange={(e) => setSoftwareId(e.target.value)}>
          <option value="">—</option>
          {data?.connectorSoftwares.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <button type="submit" disabled={add.fetching}>
          {t.connectors.add}
        </button>
        {errors[0]!.byField.softwareId && <p className="field-error">{errors[0]!.byField.softwareId}</p>}
      </form>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.connectors.connector}</th>
            <th scope="col">{t.connectors.state}</th>
            <th scope="col">{t.mandates.actions}</th>
          </tr>
        </thead>
        <tbody>
          {data?.connectors.map((c) => (
            <tr key={c.id}>
              <td>{c.software.name}</td>
              <td>{t.connectors.states[c.state] ?? c.state}</td>
              <td className="row">
                {c.state === 'PENDING_VALIDATION' && (
                  <button
                    type="button"
                    onClick={() => void run(doValidate({ input: { connectorId: c.id } }))}
                  >
                    {t.connectors.validate}
                  </button>
                )}
                {c.state === 'ACTIVE' && (
                  <button type="button" className="secondary" onClick={() => void associateAll(c.id)}>
                    {t.connectors.associateAll}
                  </button>
                )}
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void run(doDelete({ input: { connectorId: c.id } }))}
                >
                  {t.connectors.delete}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t.connectors.clients}</h2>
      {active && (
        <div className="row">
          <label htmlFor="association-target">{t.connectors.connector}</label>
          <select id="association-target" value={active.id} onChange={(e) => setTargetId(e.target.value)}>
            {activeConnectors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.software.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={ticked.length === 0}
            onClick={() => void associateTicked(active.id)}
          >
            {t.connectors.associate}
          </button>
        </div>
      )}
      <table>
        <tbody>
          {clients.map((c) => (
            <tr key={c.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t.connectors.select(c.companyName)}
                  checked={ticked.includes(c.id)}
                  onChange={(e) =>
                    setTicked(e.target.checked ? [...ticked, c.id] : ticked.filter((id) => id !== c.id))
                  }
                />
              </td>
              <td>{c.companyName}</td>
              <td>{c.connectorAssociation?.connector.software.name ?? '—'}</td>
              <td>
                {c.connectorAssociation && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void run(doDisassociate({ input: { clientId: c.id } }))}
                  >
                    {t.connectors.disassociate}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t.connectors.globalFiles}</h2>
      <ul>
        {data?.globalFiles.edges.map(({ node: g }) => (
          <li key={g.id}>
            {g.businessDate} — {t.connectors.entries(g.entryCount)} —{' '}
            <a href={g.file.downloadUrl} download={g.file.fileName}>
              {t.connectors.download} {g.file.fileName}
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}
