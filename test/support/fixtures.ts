/** Valid Belgian enterprise numbers (mod-97 correct), to build distinct clients. */
export function enterpriseNumber(seed: number): string {
  const base = 2_000_000 + seed; // 7 digits → "02xxxxxx" once padded to 8
  const first8 = String(base).padStart(8, '0');
  const check = 97 - (base % 97);
  return `${first8}${String(check).padStart(2, '0')}`;
}

export const CREATE_CLIENT = `mutation($input: CreateClientInput!) {
  createClient(input: $input) { client { id enterpriseNumber companyName clientCode email phone language version
    companyNameEditable enterpriseNumberEditable address { street postalCode city country } } }
}`;

export const UPDATE_CLIENT = `mutation($input: UpdateClientInput!) {
  updateClient(input: $input) { client { id enterpriseNumber companyName clientCode email phone version } warnings { code message field } }
}`;

export function clientInput(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    enterpriseNumber: enterpriseNumber(n),
    companyName: `Client ${String(n).padStart(4, '0')} SRL`,
    clientCode: `C${String(n).padStart(4, '0')}`,
    email: `client${n}@example.be`,
    phone: '+32 2 511 11 11',
    language: 'FR',
    address: { street: `Rue de la Loi ${n}`, postalCode: '1000', city: 'Bruxelles', country: 'BE' },
    ...overrides,
  };
}
