import { DomainError } from '@fidu/service-kit/domain';
import { parseClientCsv } from './client-csv';

describe('parseClientCsv', () => {
  it('reads ;-separated rows by header name, with quotes, BOM, CRLF and the file line of each row', () => {
    const rows = parseClientCsv(
      '\ufeffClient_Code;company_name;language;city;street;postal_code;country\r\n' +
        'A1;"Dupont; fils";fr;;;;\r\n\r\nB2;Peeters;NL;Gent;Kerkstraat 1;9000;BE\r\n',
    );
    expect(rows).toEqual([
      {
        row: 2,
        input: {
          clientCode: 'A1',
          companyName: 'Dupont; fils',
          language: 'fr',
          enterpriseNumber: null,
          email: null,
          phone: null,
          address: null,
        },
      },
      expect.objectContaining({
        row: 4,
        input: expect.objectContaining({
          address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', country: 'BE' },
        }),
      }),
    ]);
  });

  it.each([
    ['', 'empty'],
    ['client_code;company_name\nA;B', 'missing language'],
    ['client_code;company_name;language;nickname\nA;B;FR;x', 'unknown column'],
    ['client_code;company_name;language;language\nA;B;FR;FR', 'column twice'],
    ['client_code;company_name;language\n"A;B;FR', 'unbalanced quote'],
  ])('refuses a malformed file whole (%j: %s)', (csv) => {
    expect(() => parseClientCsv(csv)).toThrow(
      expect.objectContaining({ code: 'CLIENT_IMPORT_CSV_INVALID', field: 'csv' }) as DomainError,
    );
  });
});
