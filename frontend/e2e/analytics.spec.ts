// The dashboards, for every role: each figure shown is the server's answer
// to the same question, and a change made through the app moves the right
// figure by one. Each screen is checked with axe and shot.
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { demo, gql, setLanguage, shot, signIn } from './helpers';

// a dashboard holds some hundred figures, each compared, and axe reads them all
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const om = 'oleg.novikov@freightgraph.example';
const analyst = 'irina.pavlova@freightgraph.example';
const admin = 'viktor.alekseev@freightgraph.example';

async function newPage(browser: Browser, info: { project: { use: Record<string, any> } }, viewport?: { width: number; height: number }): Promise<Page> {
  const { baseURL, locale, timezoneId } = info.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId, viewport: viewport ?? info.project.use.viewport });
  return context.newPage();
}

// The periods the dashboards ask for, worked out here on their own: UTC
// months, this one and the 12 before; carriers over the last 12 calendar months.
const month = (y: number, m: number) => { const d = new Date(Date.UTC(y, m, 1)); return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`; };
const now = new Date();
const thisMonth = month(now.getUTCFullYear(), now.getUTCMonth());
const regular = { from: month(now.getUTCFullYear(), now.getUTCMonth() - 12), to: thisMonth };
const carriers = {
  from: `${month(now.getUTCFullYear(), now.getUTCMonth() - 11)}-01T00:00:00Z`,
  to: `${month(now.getUTCFullYear(), now.getUTCMonth() + 1)}-01T00:00:00Z`,
};
const thisYear = now.getUTCFullYear();
const thisQuarter = `${thisYear}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;

// ru-RU, as the app writes figures; Playwright's text matching folds the no-break spaces
const n = (x: number) => new Intl.NumberFormat('ru-RU').format(x);
const pct = (r: number | null) => (r == null ? '—' : new Intl.NumberFormat('ru-RU', { style: 'percent', maximumFractionDigits: 0 }).format(r));
const money = (amount: string, currency: string, digits = 2) =>
  new Intl.NumberFormat('ru-RU', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount as unknown as number);
const one = (x: number | null, digits = 1) => (x == null ? '—' : new Intl.NumberFormat('ru-RU', { maximumFractionDigits: digits }).format(x));

/** A table's rows by their test ID, each as its cells' texts: one look at the page for a whole table. */
async function rowsOf(table: Locator): Promise<Record<string, string[]>> {
  return table.locator('tbody tr').evaluateAll((rows) => Object.fromEntries(rows.map((r) => [
    r.getAttribute('data-testid'), [...r.querySelectorAll('td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
  ])));
}
const cells = (...texts: string[]) => texts.map((x) => x.replace(/\s+/g, ' ').trim());

/** The whole number a cell shows. */
async function count(cell: Locator): Promise<number> {
  return Number((await cell.textContent())!.replace(/\D/g, ''));
}

const figures = {
  regular: `query($from: Month!, $to: Month!) { regularClients(from: $from, to: $to) { month count newlyRegular noLongerRegular } }`,
  totals: `{ tenderTotals { stage currency count value weightedValue } }`,
  win: `{ overall: tenderWinRates { won lost withdrawn winRate }
    quarters: tenderWinRates(groupBy: [PERIOD], period: QUARTER) { period won lost withdrawn winRate } }`,
  carriers: `query($from: Time!, $to: Time!) { carrierScorecard(from: $from, to: $to) {
    carrier { id name } shipments delivered onTime onTimeRate averageDelayHours exceptions } }`,
  bad: `{ badCompromises { minMarginRate clients { client { id name } score averageScore marginRate keptPromises activity } } }`,
  manager: `query($id: ID!, $year: Int) { managerScorecard(managerID: $id, year: $year) { manager { role }
    current { ...Y } previous { ...Y } } }
    fragment Y on ManagerYear { year tendersWon wonValue { currency amount } newClients regularAtStart regularKept
      shipmentsRun delivered onTime onTimeRate satisfaction feedbackCount }`,
};

/** Every figure of the panels against the server's answer to the same query. */
async function expectServerFigures(page: Page, managerID: string) {
  const panel = (id: string) => page.getByTestId(id);

  const reg = (await gql(page.request, figures.regular, regular)).regularClients;
  expect(reg.length).toBe(13);
  await expect(page.getByTestId('regular-now')).toHaveText(n(reg[12].count));
  await expect(panel('regular').locator('tbody tr')).toHaveCount(reg.length);
  expect(await rowsOf(panel('regular'))).toEqual(Object.fromEntries(reg.map((r: any) =>
    [`regular-${r.month}`, cells(n(r.count), n(r.newlyRegular), n(r.noLongerRegular))])));
  const delta = reg[12].count - reg[0].count;
  await expect(page.getByTestId('regular-year')).toContainText(delta > 0 ? `больше на ${n(delta)}` : delta < 0 ? `меньше на ${n(-delta)}` : 'без изменений');

  const totals = (await gql(page.request, figures.totals)).tenderTotals;
  await expect(panel('pipeline').locator('tbody tr')).toHaveCount(totals.length);
  expect(await rowsOf(panel('pipeline'))).toEqual(Object.fromEntries(totals.map((r: any) =>
    [`pipeline-${r.stage}-${r.currency}`, cells(r.currency, n(r.count), money(r.value, r.currency, 0), money(r.weightedValue, r.currency, 0))])));

  const win = await gql(page.request, figures.win);
  const all = win.overall[0];
  await expect(page.getByTestId('win-rate')).toHaveText(pct(all.winRate));
  await expect(page.getByTestId('win-won')).toHaveText(n(all.won));
  await expect(page.getByTestId('win-lost')).toHaveText(n(all.lost));
  await expect(page.getByTestId('win-withdrawn')).toHaveText(n(all.withdrawn));
  await expect(panel('win').locator('tbody tr')).toHaveCount(win.quarters.length);
  expect(await rowsOf(panel('win'))).toEqual(Object.fromEntries(win.quarters.map((q: any) =>
    [`win-${q.period}`, cells(n(q.won), n(q.lost), n(q.withdrawn), pct(q.winRate))])));

  const score = (await gql(page.request, figures.carriers, carriers)).carrierScorecard;
  expect(score.length).toBeGreaterThan(0);
  // every carrier, best on-time rate first, those without deliveries last (ties in the viewer's order of names)
  await expect(panel('carriers').locator('tbody tr')).toHaveCount(score.length);
  const shown = await panel('carriers').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
  const rates = shown.map((id) => score.find((r: any) => `carrier-${r.carrier.id}` === id)?.onTimeRate ?? -1);
  expect(new Set(shown)).toEqual(new Set(score.map((r: any) => `carrier-${r.carrier.id}`)));
  expect(rates).toEqual([...rates].sort((a, b) => b - a));
  expect(await rowsOf(panel('carriers'))).toEqual(Object.fromEntries(score.map((r: any) =>
    [`carrier-${r.carrier.id}`, cells(pct(r.onTimeRate), n(r.shipments), n(r.delivered), n(r.onTime), one(r.averageDelayHours), n(r.exceptions))])));
  // each carrier's name leads to its page
  expect(await panel('carriers').locator('tbody th a').evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute('href')])).then((l) => l.sort()))
    .toEqual(score.map((r: any) => [r.carrier.name, `/carriers/${r.carrier.id}`]).sort());

  const bad = (await gql(page.request, figures.bad)).badCompromises;
  await expect(page.getByTestId('bad-bar')).toContainText(`не ниже ${pct(bad.minMarginRate)}`);
  if (bad.clients.length === 0) {
    await expect(panel('bad')).toContainText('Нет недовольных клиентов');
  } else {
    await expect(panel('bad').locator('tbody tr')).toHaveCount(bad.clients.length);
    for (const h of bad.clients) {
      const row = page.getByTestId(`bad-${h.client.id}`);
      await expect(row.getByRole('link', { name: h.client.name })).toHaveAttribute('href', `/clients/${h.client.id}`);
      await expect(row.getByTestId('margin')).toHaveText(pct(h.marginRate));
      await expect(row.getByTestId('health')).toHaveText(h.score == null ? '—' : `${n(h.score)}/100`);
      await expect(row.getByTestId('kept')).toHaveText(pct(h.keptPromises));
    }
  }

  const card = (await gql(page.request, figures.manager, { id: managerID })).managerScorecard;
  expect(card.current.year).toBe(thisYear);
  const cell = (key: string, side: 'current' | 'previous') => page.getByTestId(`manager-${key}`).getByTestId(side);
  for (const side of ['current', 'previous'] as const) {
    const y = card[side];
    if (card.manager.role !== 'OPERATIONS_MANAGER') {
      await expect(cell('tendersWon', side)).toHaveText(n(y.tendersWon));
      await expect(cell('newClients', side)).toHaveText(n(y.newClients));
      await expect(cell('regularAtStart', side)).toHaveText(n(y.regularAtStart));
      if (y.regularAtStart > 0) await expect(cell('regularKept', side)).toContainText(`${n(y.regularKept)} (`);
      else await expect(cell('regularKept', side)).toHaveText(n(y.regularKept));
      await expect(cell('wonValue', side)).toHaveText(y.wonValue.length === 0 ? '—' : y.wonValue.map((m: any) => money(m.amount, m.currency)).join(''));
    }
    if (card.manager.role !== 'ACCOUNT_MANAGER') {
      await expect(cell('shipmentsRun', side)).toHaveText(n(y.shipmentsRun));
      await expect(cell('delivered', side)).toHaveText(n(y.delivered));
      await expect(cell('onTime', side)).toHaveText(n(y.onTime));
      await expect(cell('onTimeRate', side)).toHaveText(pct(y.onTimeRate));
      await expect(cell('satisfaction', side)).toHaveText(y.satisfaction == null ? '—' : `${one(y.satisfaction)} из 5 (оценок: ${n(y.feedbackCount)})`);
    }
  }
  // the section of the manager's role only
  await expect(page.getByRole('heading', { level: 3, name: 'Работа с клиентами' })).toHaveCount(card.manager.role === 'OPERATIONS_MANAGER' ? 0 : 1);
  await expect(page.getByRole('heading', { level: 3, name: 'Операционная работа' })).toHaveCount(card.manager.role === 'ACCOUNT_MANAGER' ? 0 : 1);
}

async function openDashboards(page: Page) {
  await page.getByRole('navigation', { name: 'Основное' }).getByRole('link', { name: 'Показатели' }).click();
  await expect(page).toHaveURL(/\/dashboards/);
  await expect(page.getByRole('heading', { level: 1, name: 'Показатели' })).toBeVisible();
  await expect(page.locator('.state.loading')).toHaveCount(0);
}

for (const [who, email] of [['account-manager', demo.am], ['operations-manager', om], ['analyst', analyst], ['admin', admin]] as const) {
  test(`the ${who} opens the dashboards, loaded only on their route, and every figure is the server's`, async ({ browser }, info) => {
    const page = await newPage(browser, info);
    const chunks: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/assets/')) chunks.push(new URL(r.url()).pathname); });
    await signIn(page, email);
    expect(chunks.filter((c) => /DashboardsPage/.test(c))).toEqual([]);
    const viewer = (await gql(page.request, '{ viewer { id role } }')).viewer;
    await openDashboards(page);
    expect(chunks.some((c) => /DashboardsPage-.*\.js$/.test(c))).toBe(true);

    const manager = page.getByLabel('Менеджер', { exact: true });
    let managerID = viewer.id;
    if (viewer.role === 'ACCOUNT_MANAGER' || viewer.role === 'OPERATIONS_MANAGER') {
      // their own year by default
      await expect(manager).toHaveValue(viewer.id);
    } else {
      await expect(manager).toHaveValue('');
      await expect(page.getByTestId('manager')).toContainText('Выберите менеджера, чтобы увидеть его год');
      // an administrator looks at an operations manager, an analyst at an account manager
      const role = viewer.role === 'ADMIN' ? 'OPERATIONS_MANAGER' : 'ACCOUNT_MANAGER';
      managerID = (await gql(page.request, `query($r: ManagerRole!) { managers(first: 1, where: {role: $r, active: true}, orderBy: [{field: NAME}]) { edges { node { id } } } }`, { r: role })).managers.edges[0].node.id;
      await manager.selectOption(managerID);
      await expect(page).toHaveURL(new RegExp(`manager=${managerID}`));
    }
    await expect(page.getByLabel('Год', { exact: true })).toHaveValue(String(thisYear));
    await expectServerFigures(page, managerID);
    await shot(page, `dashboards-${who}`);

    if (who === 'admin') {
      // the year before, kept in the URL: reloading shows the same
      await page.getByLabel('Год', { exact: true }).selectOption(String(thisYear - 1));
      await expect(page).toHaveURL(new RegExp(`year=${thisYear - 1}`));
      await page.reload();
      await expect(page.getByLabel('Год', { exact: true })).toHaveValue(String(thisYear - 1));
      const card = (await gql(page.request, figures.manager, { id: managerID, year: thisYear - 1 })).managerScorecard;
      await expect(page.getByTestId('manager-shipmentsRun').getByTestId('current')).toHaveText(n(card.current.shipmentsRun));
      await expect(page.getByTestId('manager-shipmentsRun').getByTestId('previous')).toHaveText(n(card.previous.shipmentsRun));
      await expect(page.getByRole('columnheader', { name: String(thisYear - 2) })).toBeVisible();
      // and in English
      await setLanguage(page, 'en');
      await expect(page.getByRole('heading', { level: 1, name: 'Dashboards' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: 'Regular clients per month' })).toBeVisible();
      await shot(page, 'dashboards');
    }
    await page.context().close();
  });
}

test('on a phone the dashboards fit the screen', async ({ browser }, info) => {
  const page = await newPage(browser, info, { width: 390, height: 844 });
  await signIn(page, admin);
  await page.goto('/dashboards');
  await expect(page.getByTestId('carriers').locator('tbody tr').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  // the charts drew, within the screen
  const chart = await page.locator('.chart .recharts-wrapper > svg').first().boundingBox();
  expect(chart!.width).toBeGreaterThan(200);
  expect(chart!.x + chart!.width).toBeLessThanOrEqual(390);
  await shot(page, 'dashboards-phone');
  await page.context().close();
});

test('a delivery recorded by an operations manager moves their carrier’s delivered count, and on-time count when on time', async ({ browser }, info) => {
  const page = await newPage(browser, info);
  await signIn(page, om);
  const me = (await gql(page.request, '{ viewer { id } }')).viewer.id;
  // one of theirs on the road, picked up within the scorecard's months; the latest planned delivery, so likely on time
  const found = await gql(page.request, `query($om: ID!, $from: Time!, $to: Time!) { shipments(first: 1,
    where: {status: IN_TRANSIT, operationsManagerID: $om, carrierIDNotNil: true, plannedPickupGTE: $from, plannedPickupLT: $to},
    orderBy: [{field: PLANNED_DELIVERY, direction: DESC}]) { edges { node { id reference carrier { id name } } } } }`, { om: me, ...carriers });
  expect(found.shipments.edges.length, 'an operations manager’s shipment in transit').toBe(1);
  const shipment = found.shipments.edges[0].node;

  await openDashboards(page);
  const row = page.getByTestId(`carrier-${shipment.carrier.id}`);
  const before = (await gql(page.request, figures.carriers, carriers)).carrierScorecard.find((r: any) => r.carrier.id === shipment.carrier.id);
  await expect(row.getByTestId('delivered')).toHaveText(n(before.delivered));
  const delivered = await count(row.getByTestId('delivered'));
  const onTime = await count(row.getByTestId('on-time'));
  const shipments = await count(row.getByTestId('shipments'));
  const mine = page.getByTestId('manager-delivered').getByTestId('current');
  await expect(mine).not.toBeEmpty();
  const mineBefore = await count(mine);
  const mineOnTimeBefore = await count(page.getByTestId('manager-onTime').getByTestId('current'));

  await page.goto(`/shipments/${shipment.id}`);
  await page.getByLabel('Что произошло').selectOption('DELIVERED');
  await page.getByRole('button', { name: 'Записать' }).click();
  await expect(page.getByTestId('shipment-status')).toHaveText('Доставлена');
  const done = (await gql(page.request, `query($id: ID!) { node(id: $id) { ... on Shipment { status actualDelivery plannedDelivery } } }`, { id: shipment.id })).node;
  expect(done.status).toBe('DELIVERED');
  const wasOnTime = Date.parse(done.actualDelivery) <= Date.parse(done.plannedDelivery);

  // back through the app: the figures the delivery changed are asked afresh
  await openDashboards(page);
  await expect(row.getByTestId('delivered')).toHaveText(n(delivered + 1));
  await expect(row.getByTestId('on-time')).toHaveText(n(onTime + (wasOnTime ? 1 : 0)));
  await expect(row.getByTestId('shipments')).toHaveText(n(shipments));
  await expect(mine).toHaveText(n(mineBefore + 1));
  await expect(page.getByTestId('manager-onTime').getByTestId('current')).toHaveText(n(mineOnTimeBefore + (wasOnTime ? 1 : 0)));
  const after = (await gql(page.request, figures.carriers, carriers)).carrierScorecard.find((r: any) => r.carrier.id === shipment.carrier.id);
  expect([after.delivered, after.onTime]).toEqual([before.delivered + 1, before.onTime + (wasOnTime ? 1 : 0)]);
  await shot(page, 'dashboards-after-delivery');
  await page.context().close();
});

test('a tender an account manager wins moves the win rate’s won count and her year’s tenders won', async ({ browser }, info) => {
  const page = await newPage(browser, info);
  await signIn(page, demo.am);
  const me = (await gql(page.request, '{ viewer { id } }')).viewer.id;
  const found = await gql(page.request, `query($me: ID!) { tenders(first: 1, where: {ownerID: $me, stage: SUBMITTED},
    orderBy: [{field: SUBMISSION_DEADLINE}]) { edges { node { id reference } } } }`, { me });
  expect(found.tenders.edges.length, 'a submitted tender of hers').toBe(1);
  const tender = found.tenders.edges[0].node;

  await openDashboards(page);
  const won = page.getByTestId('win-won');
  const hers = page.getByTestId('manager-tendersWon').getByTestId('current');
  await expect(hers).not.toBeEmpty();
  const wonBefore = await count(won);
  const hersBefore = await count(hers);
  const quarter = page.getByTestId(`win-${thisQuarter}`);
  const quarterBefore = (await quarter.count()) === 0 ? 0 : await count(quarter.locator('td').first());

  await page.goto(`/tenders/${tender.id}`);
  const move = page.getByRole('region', { name: 'Перенос' });
  await move.getByRole('combobox').selectOption('WON');
  await move.getByRole('button', { name: 'Перенести', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Перенести в «Выигран»' }).click();
  await expect(page.getByTestId('tender-stage')).toHaveText('Выигран');
  expect((await gql(page.request, `query($id: ID!) { node(id: $id) { ... on Tender { stage } } }`, { id: tender.id })).node.stage).toBe('WON');

  await openDashboards(page);
  await expect(won).toHaveText(n(wonBefore + 1));
  await expect(hers).toHaveText(n(hersBefore + 1));
  await expect(quarter.locator('td').first()).toHaveText(n(quarterBefore + 1));
  const server = await gql(page.request, figures.win);
  await expect(won).toHaveText(n(server.overall[0].won));
  await page.context().close();
});
