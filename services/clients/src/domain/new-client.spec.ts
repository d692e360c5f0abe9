import { ValidationError } from '@fidu/service-kit/domain';
import { validateNewClient } from './new-client';

describe('validateNewClient (createClient and each import row)', () => {
  it('normalises a valid client', () => {
    expect(
      validateNewClient({
        companyName: ' Dupont ',
        clientCode: 'D1',
        language: 'nl',
        email: 'A@B.BE',
        phone: '02 511 11 11',
      }),
    ).toMatchObject({ companyName: 'Dupont', language: 'NL', email: 'a@b.be', phone: '+3225111111' });
  });

  it('lists every problem, the language too', () => {
    try {
      validateNewClient({ companyName: '', clientCode: 'a b', language: 'XX' });
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect((error as ValidationError).problems.map((p) => p.code)).toEqual([
        'CLIENT_COMPANY_NAME_INVALID',
        'CLIENT_CODE_INVALID',
        'CLIENT_LANGUAGE_INVALID',
      ]);
    }
  });
});
