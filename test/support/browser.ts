import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { source as AXE_SOURCE, type Result as AxeResult } from 'axe-core';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (the project's set-up installs it: infra/bin/bootstrap.mjs). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of every screen, for a reviewer (gitignored). */
export const SCREENSHOT_DIR = resolve(__dirname, '..', '..', 'test-output', 'console');

export interface ConsoleBrowser {
  context: BrowserContext;
  page: Page;
  /** Saves test-output/console/<name>.png. */
  screenshot(name: string): Promise<void>;
  /** Serious and critical axe-core violations of the page as it is now (should be none). */
  seriousViolations(): Promise<string[]>;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile, no background traffic, no GPU. */
export async function openConsole(baseUrl: string): Promise<ConsoleBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'fidu-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    baseURL: baseUrl,
    locale: 'fr-BE',
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // The machine is loaded: generous waits, but never fixed sleeps.
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    context,
    page,
    screenshot: async (name) => {
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    },
    seriousViolations: async () => {
      // axe-core itself, put in the page once per document: @axe-core/playwright evaluated its
      // 550 kB script twice per check and finished each in a new blank page (1-3 s a check, half
      // a walkthrough's time). The console has no frames, which that machinery is for.
      if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
      const violations = (await page.evaluate(
        `axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations)`,
      )) as Pick<AxeResult, 'id' | 'impact' | 'help' | 'nodes'>[];
      return violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The console's origin for a gateway URL (`http://127.0.0.1:1234/graphql` → `http://127.0.0.1:1234`). */
export function consoleUrlOf(gatewayUrl: string): string {
  return new URL(gatewayUrl).origin;
}
