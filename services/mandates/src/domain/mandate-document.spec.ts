import { changedDocumentFields, type DocumentClientData } from './mandate-document';

const printed: DocumentClientData = {
  companyName: 'Boulangerie Dupont',
  enterpriseNumber: '0403170701',
  street: 'Rue Haute 1',
  postalCode: '1000',
  city: 'Bruxelles',
  country: 'BE',
  language: 'FR',
};

describe('changedDocumentFields', () => {
  it('names the printed fields that changed, and nothing when equal', () => {
    expect(changedDocumentFields(printed, { ...printed })).toEqual([]);
    expect(
      changedDocumentFields(printed, { ...printed, companyName: 'Dupont & Fils', city: 'Ixelles' }),
    ).toEqual(['companyName', 'city']);
    expect(changedDocumentFields(printed, { ...printed, street: null })).toEqual(['street']);
  });
});
