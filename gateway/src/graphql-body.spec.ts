import { isBulkImport } from './graphql-body';

describe('isBulkImport (which bodies may exceed MAX_BODY_BYTES)', () => {
  it.each([
    ['mutation($i: ImportClientsInput!) { importClients(input: $i) { clientImport { id } } }', true],
    ['mutation { a: importClients(input: { csv: "x" }) { clientImport { id } } }', true],
    [
      'mutation($i: ImportClientsInput!) { importClients(input: $i) { clientImport { id } } createClient(input: {}) { client { id } } }',
      false,
    ],
    ['query { importClients { id } }', false],
    ['{ clients { totalCount } }', false],
    [
      'mutation { importClients(input: {}) { clientImport { id } } } query Q { clients { totalCount } }',
      false,
    ],
    ['mutation { importClients(', false],
  ])('%s → %s', (query, expected) => {
    expect(isBulkImport({ query })).toBe(expected);
  });

  it('refuses batches and non-string queries', () => {
    expect(isBulkImport([{ query: 'mutation { importClients(input: {}) { clientImport { id } } }' }])).toBe(
      false,
    );
    expect(isBulkImport({ query: 42 })).toBe(false);
    expect(
      isBulkImport({
        query: `mutation { importClients(input: {}) { clientImport { id } } } ${' '.repeat(20_000)}`,
      }),
    ).toBe(false);
  });
});
