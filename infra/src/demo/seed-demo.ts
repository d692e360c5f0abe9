import type { DemoContext, DemoSeeder } from './demo-context';
import { seedClients } from './seed-clients';
import { seedMandates } from './seed-mandates';
import { seedConnectors } from './seed-connectors';
import { seedTitresServices } from './seed-titres-services';

export { DEMO_OFFICE_ID } from './demo-context';

/**
 * Domain seeders, in dependency order (clients first: the others react to its events). Each domain
 * adds its own `seed-<domain>.ts`; all data goes through the gateway, as a user's would.
 */
const SEEDERS: DemoSeeder[] = [
  (ctx) => seedClients(ctx.url, ctx.officeToken),
  seedMandates,
  seedTitresServices,
  seedConnectors,
];

/** Seeds the demo data of every domain; returns the banner lines. */
export async function seedDemo(ctx: DemoContext): Promise<string[]> {
  const lines: string[] = [];
  for (const seed of SEEDERS) lines.push(await seed(ctx));
  return lines;
}
