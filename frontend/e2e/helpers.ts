import { expect, type APIRequestContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';

export const demo = {
  am: 'anna.smirnova@freightgraph.example',
  password: 'demo-password',
};

/** Asks the server directly, as the browser's signed-in viewer. */
export async function gql<T = Record<string, any>>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await request.post('/graphql', { data: { query, variables } });
  const body = await res.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

export async function signIn(page: Page, email: string, password = demo.password) {
  await page.goto('/sign-in');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  // signed in: the app's frame (on a phone the viewer's name is in the menu)
  await expect(page.getByTestId('viewer')).toBeAttached();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/**
 * Writes e2e-results/screenshots/<lang>/<name>.png, after checking the
 * screen with axe against WCAG 2.1 AA (labels, roles, contrast…).
 */
export async function shot(page: Page, name: string, opts: { disableRules?: string[]; exclude?: string[] } = {}) {
  await page.waitForLoadState('networkidle');
  let axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).disableRules(opts.disableRules ?? []);
  for (const selector of opts.exclude ?? []) axe = axe.exclude(selector);
  const { violations } = await axe.analyze();
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`), `accessibility of ${name}`).toEqual([]);
  const lang = await page.evaluate(() => document.documentElement.lang);
  mkdirSync(`e2e-results/screenshots/${lang}`, { recursive: true });
  await page.screenshot({ path: `e2e-results/screenshots/${lang}/${name}.png`, fullPage: true });
}

export async function setLanguage(page: Page, lang: 'ru' | 'en') {
  await page.evaluate((l) => localStorage.setItem('freightgraph.locale', l), lang);
  await page.reload();
}
