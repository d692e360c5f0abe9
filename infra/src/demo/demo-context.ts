import type { Principal } from '@fidu/service-kit';

/** The demo office every `npm start` shows. */
export const DEMO_OFFICE_ID = 'office-demo-brussels';

/** What each domain's demo seeder gets: the gateway and a way to act as any principal. */
export interface DemoContext {
  url: string;
  officeToken: string;
  token(principal: Principal): Promise<string>;
}

/** A domain's demo seeder: idempotent (skips what exists), returns one line for the banner. */
export type DemoSeeder = (ctx: DemoContext) => Promise<string>;
