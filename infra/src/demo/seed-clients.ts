const NAMES = [
  'Boulangerie Dupont',
  'Brasserie De Koninck',
  'Atelier Lambert',
  'Cabinet Peeters',
  'Chocolaterie Janssens',
  'Garage Maes',
  'Imprimerie Jacobs',
  'Librairie Mertens',
  'Menuiserie Willems',
  'Pharmacie Claes',
  'Plomberie Goossens',
  'Restaurant Wouters',
  'Studio De Smet',
  'Transport Dubois',
  'Toiture Lemaire',
  'Fleuriste Hermans',
  'Bureau Michiels',
  'Cafe Leclercq',
  'Coiffure Desmet',
  'Electricite Martin',
  'Epicerie Vermeulen',
  'Ferronnerie Simon',
  'Fromagerie Laurent',
  'Horlogerie Lejeune',
  'Jardinerie Renard',
  'Kinesitherapie Declercq',
  'Laverie Van Damme',
  'Maconnerie Stevens',
  'Nettoyage Dumont',
  'Opticien Denis',
  'Patisserie Aerts',
  'Quincaillerie Smets',
  'Salon Verstraeten',
  'Taxi Mathieu',
  'Vins Bastin',
  'Zonnepanelen Baert',
];
const CITIES = [
  ['1000', 'Bruxelles'],
  ['9000', 'Gent'],
  ['2000', 'Antwerpen'],
  ['4000', 'Liège'],
  ['5000', 'Namur'],
  ['8000', 'Brugge'],
] as const;

/** A valid Belgian enterprise number from a seed: 8 digits starting with 0, then 97 − (them mod 97). */
function enterpriseNumber(seed: number): string {
  const base = 4_000_000 + seed * 7919;
  return `${String(base).padStart(8, '0')}${String(97 - (base % 97)).padStart(2, '0')}`;
}

export async function gql<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`demo seed: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data as T;
}

/** Creates the demo clients once (idempotent: skipped when the office already has clients). */
export async function seedClients(url: string, token: string): Promise<string> {
  const existing = await gql<{ clients: { totalCount: number } }>(
    url,
    token,
    `{ clients(first: 1) { totalCount } }`,
  );
  if (existing.clients.totalCount > 0)
    return `demo data already present: ${existing.clients.totalCount} clients`;
  for (const [i, name] of NAMES.entries()) {
    const [postalCode, city] = CITIES[i % CITIES.length]!;
    await gql(
      url,
      token,
      `mutation($input: CreateClientInput!) { createClient(input: $input) { client { id } } }`,
      {
        input: {
          // A few clients without enterprise number (name locked) and without e-mail (the "missing e-mail" filter).
          enterpriseNumber: i % 9 === 4 ? null : enterpriseNumber(i + 1),
          companyName: name,
          clientCode: `D${String(i + 1).padStart(3, '0')}`,
          email: i % 6 === 5 ? null : `contact@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.be`,
          phone: `+32 2 ${String(500 + i).padStart(3, '0')} 12 34`,
          language: i % 3 === 1 ? 'NL' : 'FR',
          address: { street: `Rue du Commerce ${i + 1}`, postalCode, city, country: 'BE' },
        },
      },
    );
  }
  return `demo office seeded with ${NAMES.length} clients`;
}
