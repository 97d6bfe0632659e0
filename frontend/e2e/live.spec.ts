// Live updates between two people at work: an administrator moves a
// tender on her board, and the account manager's open board shows it moved,
// by whom, without a reload; the mover's toast offers Undo, which puts the
// tender back on the server and on both boards.
import { expect, test } from '@playwright/test';
import { demo, gql, shot, signIn } from './helpers';

const admin = 'viktor.alekseev@freightgraph.example';

test('a move on one board shows on another within 2 s, and Undo puts it back', async ({ page, browser }) => {
  test.slow();
  await signIn(page, admin);
  // one of Anna's tenders that may move from QUALIFYING to PREPARING
  const { tenders } = await gql(page.request, `{ tenders(first: 20, where: {stage: QUALIFYING, hasOwnerWith: {email: "${demo.am}"}}) { edges { node { id reference moves } } } }`);
  const t = tenders.edges.map((e: { node: { id: string; reference: string; moves: string[] } }) => e.node)
    .find((n: { moves: string[] }) => n.moves.includes('PREPARING'));
  expect(t, 'a tender of Anna\'s in qualification').toBeTruthy();

  const context = await browser.newContext();
  const anna = await context.newPage();
  await signIn(anna, demo.am);
  await anna.goto(`/pipeline?q=${encodeURIComponent(t.reference)}`);
  await expect(anna.getByTestId('column-QUALIFYING').getByTestId(`card-${t.reference}`)).toBeVisible();

  await page.goto(`/pipeline?q=${encodeURIComponent(t.reference)}`);
  const card = page.getByTestId('column-QUALIFYING').getByTestId(`card-${t.reference}`);
  await card.getByRole('combobox').selectOption('PREPARING');
  await expect(page.getByTestId('column-PREPARING').getByTestId(`card-${t.reference}`)).toBeVisible();
  const toast = page.getByTestId('toast').filter({ hasText: t.reference });
  await expect(toast).toContainText('перенесён в «Подготовка»');

  // Anna's board, untouched: the card moves and says who moved it
  const moved = anna.getByTestId('column-PREPARING').getByTestId(`card-${t.reference}`);
  await expect(moved).toBeVisible({ timeout: 2000 });
  await expect(moved.getByTestId('changed-by')).toHaveText('Перенёс(ла) Виктор Алексеев только что');
  await expect(anna.getByTestId('column-QUALIFYING').getByTestId(`card-${t.reference}`)).toHaveCount(0);
  await toast.getByRole('button', { name: 'Отменить' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'снова в «Квалификация»' })).toBeVisible();
  const { node } = await gql(page.request, `query($id: ID!) { node(id: $id) { ... on Tender { stage } } }`, { id: t.id });
  expect(node.stage).toBe('QUALIFYING');
  await expect(anna.getByTestId('column-QUALIFYING').getByTestId(`card-${t.reference}`)).toBeVisible({ timeout: 2000 });
  await expect(anna.getByTestId('column-QUALIFYING').getByTestId(`card-${t.reference}`).getByTestId('changed-by')).toBeVisible();
  await shot(anna, '41-live-board');
  await context.close();
});

test('a carrier assigned by someone else takes the shipment off the open "needs a carrier" list, without a reload', async ({ page, browser }) => {
  test.slow();
  const om = 'oleg.novikov@freightgraph.example';
  await signIn(page, om);
  const me = (await gql(page.request, '{ viewer { id } }')).viewer.id;
  const needs = await gql(page.request, `query($om: ID!) { shipments(first: 1, orderBy: [{field: PLANNED_PICKUP}],
    where: {status: PLANNED, carrierIDIsNil: true, operationsManagerID: $om}) { totalCount edges { node { id reference mode } } } }`, { om: me });
  const s = needs.shipments.edges[0].node;
  await page.goto('/shipments');
  await expect(page.getByTestId(`row-${s.reference}`)).toBeVisible();
  await expect(page.getByTestId('count-needs-carrier')).toHaveText(String(needs.shipments.totalCount));

  // the administrator assigns a carrier in another browser
  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, admin);
  const { carriers } = await gql(other.request, '{ carriers(first: 500, where: {active: true}) { edges { node { id modes } } } }');
  const serving = carriers.edges.map((e: { node: { id: string; modes: string[] } }) => e.node).find((c: { modes: string[] }) => c.modes.includes(s.mode));
  await gql(other.request, 'mutation($s: ID!, $c: ID!) { assignCarrier(shipmentID: $s, carrierID: $c) { id } }', { s: s.id, c: serving.id });

  await expect(page.getByTestId(`row-${s.reference}`)).toHaveCount(0, { timeout: 2000 });
  await expect(page.getByTestId('count-needs-carrier')).toHaveText(String(needs.shipments.totalCount - 1));
  await context.close();
});

test('a record changed underneath: its edit form warns before the save, its page reads it afresh, a card leaving a filtered board says where', async ({ page, browser }) => {
  test.slow();
  await signIn(page, admin);
  const { tenders } = await gql(page.request, `{ tenders(first: 1, where: {stageIn: [IDENTIFIED, QUALIFYING, PREPARING], hasOwnerWith: {email: "${demo.am}"}}) { edges { node { id reference } } } }`);
  const t = tenders.edges[0].node;
  const { managers } = await gql(page.request, `{ managers(first: 5, where: {role: ACCOUNT_MANAGER, active: true, emailNEQ: "${demo.am}"}) { edges { node { id name } } } }`);
  const rename = (title: string) => gql(page.request, 'mutation($id: ID!, $title: String!) { updateTender(id: $id, input: {title: $title}) { id } }', { id: t.id, title });

  const context = await browser.newContext();
  const anna = await context.newPage();
  await signIn(anna, demo.am);
  await anna.goto(`/tenders/${t.id}/edit`);
  await expect(anna.getByRole('heading', { level: 1 })).toBeVisible();
  await rename(`Переименован ${Date.now()}`);
  await expect(anna.getByTestId('changed-underneath')).toContainText('Виктор Алексеев', { timeout: 2000 });

  await anna.goto(`/tenders/${t.id}`);
  await expect(anna.getByRole('heading', { level: 1 })).toBeVisible();
  const title = `Новое имя ${Date.now()}`;
  await rename(title);
  await expect(anna.getByText(title)).toBeVisible({ timeout: 2000 });
  await expect(anna.getByTestId('changed-note')).toContainText('Виктор Алексеев');

  await anna.goto(`/pipeline?mine=1&q=${encodeURIComponent(t.reference)}`);
  await expect(anna.getByTestId(`card-${t.reference}`)).toBeVisible();
  const other = managers.edges[0].node;
  await gql(page.request, 'mutation($id: ID!, $o: ID!) { updateTender(id: $id, input: {ownerID: $o}) { id } }', { id: t.id, o: other.id });
  await expect(anna.getByTestId('toast').filter({ hasText: `${t.reference} ушёл из этого вида` })).toContainText(other.name, { timeout: 2000 });
  await expect(anna.getByTestId(`card-${t.reference}`)).toHaveCount(0);
  await context.close();
});

test('the matrix reads itself afresh when a client joins a pair', async ({ page }) => {
  await signIn(page, admin);
  // Anna and Oleg: a pair of the demo with clients of its own
  const ams = await gql(page.request, `{ managers(first: 1, where: {email: "${demo.am}"}) { edges { node { id } } } }`);
  const oms = await gql(page.request, '{ managers(first: 1, where: {email: "oleg.novikov@freightgraph.example"}) { edges { node { id } } } }');
  const am = ams.managers.edges[0].node.id;
  const om = oms.managers.edges[0].node.id;
  await page.goto(`/matrix?am=${am}&om=${om}`);
  await expect(page.locator('tbody tr[data-testid^="matrix-"]').first()).toBeVisible();
  const name = `ООО «Новичок ${Date.now()}»`;
  await gql(page.request, 'mutation($in: CreateClientInput!) { createClient(input: $in) { id } }',
    { in: { name, country: 'RU', city: 'Калуга', accountManagerID: am, operationsManagerID: om } });
  await expect(page.getByTestId(`matrix-${name}`)).toBeVisible({ timeout: 2000 });
});
