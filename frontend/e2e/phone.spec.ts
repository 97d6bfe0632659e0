// At a phone's width (390 px): the board, its filters folded away until
// asked for, and the carrier picker, each checked with axe and shot.
import { expect, test } from '@playwright/test';
import { demo, gql, shot, signIn } from './helpers';

const om = 'oleg.novikov@freightgraph.example';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test('the board at a phone’s width, its filters folded until asked for', async ({ page }) => {
  await signIn(page, demo.am);
  await page.goto('/pipeline');
  await expect(page.getByTestId('column-IDENTIFIED')).toBeVisible();
  const filters = page.getByRole('search');
  await expect(filters.getByLabel('Поиск')).toBeHidden();
  await page.getByRole('button', { name: 'Фильтры' }).click();
  await expect(filters.getByLabel('Поиск')).toBeVisible();
  await page.getByRole('button', { name: 'Фильтры' }).click();
  // nothing wider than the screen
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, '42-phone-board');
});

test('the carrier picker at a phone’s width', async ({ page }) => {
  await signIn(page, om);
  const me = (await gql(page.request, '{ viewer { id } }')).viewer.id;
  const needs = await gql(page.request, `query($om: ID!) { shipments(first: 1, orderBy: [{field: PLANNED_PICKUP}],
    where: {status: PLANNED, carrierIDIsNil: true, operationsManagerID: $om}) { edges { node { reference } } } }`, { om: me });
  const reference = needs.shipments.edges[0].node.reference;
  await page.goto('/shipments');
  // the list first; its filters on request
  await expect(page.locator('#shipment-filters')).toBeHidden();
  await page.getByRole('button', { name: 'Фильтры' }).click();
  await expect(page.locator('#shipment-filters')).toBeVisible();
  await page.getByRole('button', { name: 'Фильтры' }).click();
  await page.getByTestId(`row-${reference}`).getByRole('button').click();
  const picker = page.locator('form.carrier-picker');
  await expect(picker.locator('.record').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, '43-phone-carrier-picker');
});

test('a list without a fold keeps its filters in view at a phone’s width', async ({ page }) => {
  await signIn(page, demo.am);
  await page.goto('/clients');
  await expect(page.locator('form.filters')).toBeVisible();
});
