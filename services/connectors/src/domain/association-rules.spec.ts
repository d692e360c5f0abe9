import { planAssociations } from './association-rules';

const connectorId = 'c0000000-0000-4000-8000-000000000001';
const other = 'c0000000-0000-4000-8000-000000000002';
const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((x) => `${x}0000000-0000-4000-8000-000000000000`) as [
  string,
  string,
  string,
  string,
];

function problemsOf(run: () => unknown): { field: string; code: string }[] {
  try {
    run();
    return [];
  } catch (error) {
    return (error as { details: { problems: { field: string; code: string }[] } }).details.problems.map(
      ({ field, code }) => ({
        field,
        code,
      }),
    );
  }
}

describe('planAssociations', () => {
  const base = {
    connectorId,
    connectorState: 'ACTIVE' as const,
    officeClientIds: new Set([a, b, c]),
    current: [],
  };

  it('associates the selected clients of the office', () => {
    expect(planAssociations({ ...base, selection: [a, b] })).toEqual({ toAssociate: [a, b], unchanged: [] });
  });

  it('leaves clients already associated with this connector unchanged', () => {
    const plan = planAssociations({ ...base, selection: [a, b], current: [{ clientId: a, connectorId }] });
    expect(plan).toEqual({ toAssociate: [b], unchanged: [a] });
  });

  it('refuses the whole selection, listing every problem', () => {
    expect(
      problemsOf(() =>
        planAssociations({ ...base, selection: [a, d, c], current: [{ clientId: c, connectorId: other }] }),
      ),
    ).toEqual([
      { field: 'clientIds.1', code: 'CLIENT_NOT_FOUND' },
      { field: 'clientIds.2', code: 'CONNECTOR_CLIENT_ALREADY_ASSOCIATED' },
    ]);
  });

  it.each(['PENDING_VALIDATION', 'DELETED'] as const)('refuses a %s connector', (connectorState) => {
    expect(() => planAssociations({ ...base, connectorState, selection: [a] })).toThrow(
      expect.objectContaining({ code: 'CONNECTOR_NOT_ACTIVE', details: { state: connectorState } }),
    );
  });
});
