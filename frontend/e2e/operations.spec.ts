// An operations manager's day, a client's whole relationship, an analyst's
// question and an administrator's matrix. Each step checks what the server
// then holds, and each screen is checked with axe and shot.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { demo, gql, shot, signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

const om = 'oleg.novikov@freightgraph.example';
const analyst = 'irina.pavlova@freightgraph.example';
const admin = 'viktor.alekseev@freightgraph.example';

async function newPage(browser: Browser, info: { project: { use: Record<string, any> } }): Promise<Page> {
  const { baseURL, locale, timezoneId, viewport } = info.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId, viewport, acceptDownloads: true });
  return context.newPage();
}

const shipmentState = `query($id: ID!) { node(id: $id) { ... on Shipment {
  id reference status mode version carrier { id name } actualPickup actualDelivery client { id name } } } }`;

/**
 * What axe may not hold against GraphiQL's own markup: its tab strip nests a
 * close button inside each tab, and the editor's syntax colours are Monaco's
 * theme. Everything else on the explorer is checked.
 */
const graphiqlOwn = { disableRules: ['nested-interactive'], exclude: ['.monaco-editor'] };

/** An instant on the wall clock of the browser's zone: as a form takes it, and as the app shows it in Russian. */
function wallClock(at: Date): { input: string; shown: string } {
  const w = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Moscow', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(at).map((p) => [p.type, p.value]));
  return { input: `${w.year}-${w.month}-${w.day}T${w.hour}:${w.minute}`, shown: `${w.day}.${w.month}.${w.year}, ${w.hour}:${w.minute}` };
}

let shipment = { id: '', reference: '', mode: '', client: { id: '', name: '' } };

test('an operations manager assigns a carrier, is refused one that does not serve the mode, and records pickup and delivery', async ({ browser }, info) => {
  test.slow(); // the whole of a shipment's life, each screen checked with axe
  const page = await newPage(browser, info);
  await signIn(page, om);
  const me = (await gql(page.request, '{ viewer { id } }')).viewer.id;
  await page.goto('/shipments');
  // the default list: mine that need a carrier, soonest pickup first, as the server counts them
  const needs = await gql(page.request, `query($om: ID!) { shipments(first: 1, orderBy: [{field: PLANNED_PICKUP}],
    where: {status: PLANNED, carrierIDIsNil: true, operationsManagerID: $om}) {
    totalCount edges { node { id reference mode client { id name } } } } }`, { om: me });
  expect(needs.shipments.totalCount).toBeGreaterThan(0);
  shipment = needs.shipments.edges[0].node;
  await expect(page.getByTestId('count-needs-carrier')).toHaveText(String(needs.shipments.totalCount));
  const row = page.getByTestId(`row-${shipment.reference}`);
  await expect(page.locator('tbody tr').first()).toHaveAttribute('data-testid', `row-${shipment.reference}`);
  await shot(page, 'shipments-needs-carrier');

  // everyone's shipments that need a carrier run past a page: the last page ends with the server's last one
  const everyone = await gql(page.request, `{ shipments(last: 1, orderBy: [{field: PLANNED_PICKUP}], where: {status: PLANNED, carrierIDIsNil: true}) {
    totalCount edges { node { reference } } } }`);
  expect(everyone.shipments.totalCount).toBeGreaterThan(50);
  await page.goto('/shipments?mine=0');
  const pager = page.getByRole('navigation', { name: 'Страницы списка', exact: true });
  await expect(pager.getByRole('status')).toHaveText(`Строки 1–50 из ${everyone.shipments.totalCount}`);
  await pager.getByRole('button', { name: 'Вперёд ›' }).click();
  await expect(pager.getByRole('status')).toHaveText(`Строки 51–100 из ${everyone.shipments.totalCount}`);
  await expect(page).toHaveURL(/after=.*at=50/);
  await pager.getByRole('button', { name: 'Последняя »' }).click();
  await expect(page.locator('tbody tr').last()).toHaveAttribute('data-testid', `row-${everyone.shipments.edges[0].node.reference}`);
  await shot(page, 'shipments-last-page');
  await pager.getByRole('button', { name: '« Первая' }).click();
  await expect(pager.getByRole('status')).toHaveText(`Строки 1–50 из ${everyone.shipments.totalCount}`);
  await page.goto('/shipments');

  // the picker: carriers serving the mode, with their records
  await row.getByRole('button').click();
  const picker = page.locator('form.carrier-picker');
  await expect(picker.locator('.record').first()).toBeVisible();
  const carriers = await gql(page.request, '{ carriers(first: 500, where: {active: true}) { edges { node { id name modes } } } }');
  const all = carriers.carriers.edges.map((e: any) => e.node);
  const serving = all.filter((c: any) => c.modes.includes(shipment.mode));
  const other = all.find((c: any) => !c.modes.includes(shipment.mode));
  await expect(picker.locator('li')).toHaveCount(serving.length);
  await shot(page, 'carrier-picker');

  // one that does not serve the mode: the server refuses, in place, and nothing changes
  await picker.getByRole('checkbox').check();
  await picker.getByLabel(new RegExp(other.name)).check();
  await picker.getByRole('button', { name: /Назначить$/ }).click();
  // said in Russian from the refusal's reason, never the server's English
  await expect(picker.getByRole('alert')).toContainText(`${other.name} не возит видом`);
  await expect(picker.getByRole('alert')).not.toContainText('does not serve');
  expect((await gql(page.request, shipmentState, { id: shipment.id })).node.carrier).toBeNull();
  await shot(page, 'carrier-refused');

  // the first one the picker ranks, which serves the mode
  await picker.getByRole('checkbox').uncheck();
  const best = picker.locator('li').first();
  const bestName = (await best.locator('strong').textContent())!;
  await best.getByRole('radio').check();
  await picker.getByRole('button', { name: /Назначить$/ }).click();
  await expect(row).toHaveCount(0);
  const assigned = (await gql(page.request, shipmentState, { id: shipment.id })).node;
  expect(assigned.carrier.name).toBe(bestName);
  expect(assigned.status).toBe('PLANNED');

  // pickup, then delivery, from the shipment's page
  await page.goto(`/shipments/${shipment.id}`);
  await expect(page.getByTestId('shipment-carrier')).toHaveText(bestName);
  // a pickup at a time still to come: refused on the field, in Russian, in the viewer's own time
  const later = wallClock(new Date(Date.now() + 26 * 3600_000));
  await page.getByLabel('Что произошло').selectOption('PICKED_UP');
  await page.getByLabel('Когда').fill(later.input);
  await page.getByRole('button', { name: 'Записать' }).click();
  const refusal = page.locator('.field.invalid .error');
  await expect(refusal).toContainText(`${later.shown} ещё не наступило`);
  expect(await refusal.textContent()).not.toMatch(/[A-Za-z]/);
  expect((await gql(page.request, shipmentState, { id: shipment.id })).node.status).toBe('PLANNED');
  await shot(page, 'shipment-event-refused');
  await page.getByLabel('Когда').fill(wallClock(new Date()).input);
  await shot(page, 'shipment-record');
  await page.getByRole('button', { name: 'Записать' }).click();
  await expect(page.getByTestId('shipment-status')).toHaveText('В пути');
  const picked = (await gql(page.request, shipmentState, { id: shipment.id })).node;
  expect(picked.status).toBe('IN_TRANSIT');
  expect(picked.actualPickup).not.toBeNull();

  await page.goto('/shipments?list=in-transit&mine=1');
  await expect(page.getByTestId(`row-${shipment.reference}`)).toBeVisible();
  await shot(page, 'shipments-in-transit');
  await page.goto(`/shipments/${shipment.id}`);
  await page.getByLabel('Что произошло').selectOption('DELIVERED');
  await page.getByRole('button', { name: 'Записать' }).click();
  await expect(page.getByTestId('shipment-status')).toHaveText('Доставлена');
  const delivered = (await gql(page.request, shipmentState, { id: shipment.id })).node;
  expect(delivered.status).toBe('DELIVERED');
  expect(delivered.actualDelivery).not.toBeNull();
  await shot(page, 'shipment-delivered');
  // its history: who did it, by name, and the carrier by name, not an ID
  const history = page.getByTestId('record-history');
  await expect(history).toContainText('Олег Новиков');
  await expect(history).toContainText(`Перевозчик: — → ${bestName}`);
  await expect(history).toContainText('Статус: В пути → Доставлена');
  await expect(history).not.toContainText(/\d{10,}/);

  // it has left every list, on the server and on the screen
  const inLists = await gql(page.request, `query($id: ID!) {
    needs: shipments(where: {id: $id, status: PLANNED, carrierIDIsNil: true}) { totalCount }
    moving: shipments(where: {id: $id, status: IN_TRANSIT}) { totalCount }
    late: shipments(where: {id: $id, isLate: true, statusIn: [PLANNED, BOOKED, IN_TRANSIT]}) { totalCount } }`, { id: shipment.id });
  expect([inLists.needs.totalCount, inLists.moving.totalCount, inLists.late.totalCount]).toEqual([0, 0, 0]);
  for (const list of ['needs-carrier', 'in-transit', 'late']) {
    await page.goto(`/shipments?list=${list}&mine=1`);
    await expect(page.locator('#ops-list')).not.toContainText('Загрузка');
    await expect(page.getByTestId(`row-${shipment.reference}`)).toHaveCount(0);
  }
  await shot(page, 'shipments-late');

  // a delivered shipment keeps its plan: its edit shows that, and the cost, which may still be corrected, gives its margin
  await page.goto(`/shipments/${shipment.id}`);
  await page.getByRole('link', { name: 'Изменить перевозку' }).click();
  await expect(page.getByTestId('plan-kept')).toBeVisible();
  await expect(page.getByLabel('Откуда')).toBeDisabled();
  await expect(page.getByLabel('Погрузка по плану')).toBeDisabled();
  await page.getByLabel('Себестоимость').fill('100 000,00');
  await shot(page, 'shipment-edit');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page).toHaveURL(new RegExp(`/shipments/${shipment.id}$`));
  const costed = (await gql(page.request, `query($id: ID!) { node(id: $id) { ... on Shipment { cost margin price } } }`, { id: shipment.id })).node;
  expect(costed.cost).toBe('100000.00');
  expect(Number(costed.margin)).toBeCloseTo(Number(costed.price) - 100000, 2);

  // a new shipment for the same client, from the list
  await page.goto('/shipments');
  await page.getByRole('link', { name: 'Новая перевозка' }).click();
  const reference = `SH-E2E-${Date.now() % 1_000_000}`;
  await page.getByLabel('Номер', { exact: true }).fill(reference);
  await page.getByLabel('Клиент', { exact: true }).selectOption(shipment.client.id);
  await page.getByLabel('Откуда').fill('Тверь');
  await page.getByLabel('Куда', { exact: true }).fill('Казань');
  await page.getByLabel('Погрузка по плану').fill(wallClock(new Date(Date.now() + 3 * 86_400_000)).input);
  await page.getByLabel('Доставка по плану').fill(wallClock(new Date(Date.now() + 5 * 86_400_000)).input);
  await page.getByLabel('Цена', { exact: true }).fill('150 000');
  await page.getByRole('button', { name: 'Создать перевозку' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Перевозка ${reference}`);
  const fresh = (await gql(page.request, `query($r: String!) { shipments(where: {reference: $r}) { edges { node { status client { id } operationsManager { id } price } } } }`,
    { r: reference })).shipments.edges[0].node;
  expect(fresh).toEqual({ status: 'PLANNED', client: { id: shipment.client.id }, operationsManager: { id: me }, price: '150000.00' });

  // a new carrier, then an edit of it: the server holds both
  await page.goto('/carriers');
  await page.getByRole('button', { name: 'Новый перевозчик' }).click();
  const carrierForm = page.getByRole('form', { name: 'Новый перевозчик' });
  const carrierName = `Е2Е Логистик ${Date.now() % 1_000_000}`;
  await carrierForm.getByLabel('Название').fill(carrierName);
  await carrierForm.getByRole('button', { name: 'Сохранить' }).click();
  await expect(carrierForm.getByText('Выберите хотя бы один вид транспорта.')).toBeVisible();
  await carrierForm.getByLabel('Ж/д').check();
  await carrierForm.getByLabel('Авто').check();
  await shot(page, 'carrier-form');
  await carrierForm.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(carrierName);
  await page.getByRole('button', { name: 'Изменить перевозчика' }).click();
  await page.getByLabel('Работаем ли с ним?').selectOption('false');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.locator('.page-head .badge')).toHaveText('больше не работаем');
  const kept = (await gql(page.request, `query($n: String!) { carriers(where: {name: $n}) { edges { node { modes active } } } }`, { n: carrierName })).carriers.edges[0].node;
  expect(kept).toEqual({ modes: ['RAIL', 'ROAD'], active: false });
  await expect(page.getByTestId('record-history')).toContainText('Действует: да → нет');

  // the carrier's page shows the delivery among its shipments
  await page.goto(`/carriers/${assigned.carrier.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(bestName);
  await expect(page.getByTestId('carrier-record')).toContainText('вовремя');
  await shot(page, 'carrier');
  await page.context().close();
});

test('a client shows its pair, tenders, shipments and feedback; search finds it from any screen', async ({ browser }, info) => {
  test.slow(); // many screens, each checked with axe
  const page = await newPage(browser, info);
  await signIn(page, demo.am);
  const c = (await gql(page.request, `query($id: ID!) { node(id: $id) { ... on Client { name
    accountManager { name } operationsManager { name }
    tenders { totalCount } shipments { totalCount } feedbacks { totalCount } satisfaction { unhappy }
    late: shipments(where: {isLate: true, statusIn: [PLANNED, BOOKED, IN_TRANSIT]}) { totalCount } } } }`, { id: shipment.client.id })).node;
  await page.goto('/pipeline');
  const search = page.getByLabel('Поиск клиентов, тендеров, перевозок и перевозчиков');
  await search.fill(c.name);
  await page.locator('.search-results a').filter({ has: page.locator('strong', { hasText: new RegExp(`^${c.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${shipment.client.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.name);
  await expect(page.getByTestId('client-am')).toContainText(c.accountManager?.name ?? 'нет');
  await expect(page.getByTestId('client-om')).toContainText(c.operationsManager?.name ?? 'нет');
  await expect(page.locator('#tenders-title .count')).toHaveText(String(c.tenders.totalCount));
  await expect(page.locator('#shipments-title .count')).toHaveText(String(c.shipments.totalCount));
  await expect(page.locator('#feedback-title .count')).toHaveText(String(c.feedbacks.totalCount));
  await expect(page.getByTestId('sign-unhappy')).toHaveCount(c.satisfaction.unhappy ? 1 : 0);
  await expect(page.getByTestId('sign-late')).toHaveCount(c.late.totalCount > 0 ? 1 : 0);
  await expect(page.getByRole('link', { name: shipment.reference })).toBeVisible();
  await shot(page, 'client-relationship');

  // the client's shipments page on to the last one the server has, or fit on one page and say nothing of pages
  const shipmentPages = page.getByRole('navigation', { name: 'Страницы перевозок клиента' });
  if (c.shipments.totalCount > 50) {
    const last = (await gql(page.request, `query($id: ID!) { node(id: $id) { ... on Client {
      shipments(last: 1, orderBy: [{field: PLANNED_PICKUP, direction: DESC}]) { edges { node { reference } } } } } }`,
    { id: shipment.client.id })).node.shipments.edges[0].node.reference;
    await shipmentPages.getByRole('button', { name: 'Последняя »' }).click();
    await expect(page.getByRole('link', { name: last, exact: true })).toBeVisible();
    await expect(page).toHaveURL(/shipments-end=1/);
    await expect(shipmentPages.getByRole('status')).toContainText(`из ${c.shipments.totalCount}`);
    await shot(page, 'client-shipments-last-page');
  } else {
    await expect(shipmentPages).toHaveCount(0);
  }

  // the account manager records what one of her clients said; the server holds it and the page counts it
  const mine = (await gql(page.request, `{ viewer { id } }`)).viewer.id;
  const own = (await gql(page.request, `query($am: ID!) { clients(first: 1, where: {accountManagerID: $am}, orderBy: [{field: NAME}]) {
    edges { node { id feedbacks { totalCount } } } } }`, { am: mine })).clients.edges[0].node;
  await page.goto(`/clients/${own.id}`);
  await page.getByRole('button', { name: 'Записать отзыв' }).click();
  const form = page.getByRole('form', { name: 'Новый отзыв' });
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(form.getByText('Выберите оценку от 1 до 5.')).toBeVisible();
  await form.getByLabel('2 — недоволен').check();
  await form.getByLabel('Что сказал клиент').fill('Машина опоздала на погрузку');
  await shot(page, 'client-feedback-form');
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.locator('#feedback-title .count')).toHaveText(String(own.feedbacks.totalCount + 1));
  const said = (await gql(page.request, `query($id: ID!) { node(id: $id) { ... on Client {
    feedbacks(first: 1, orderBy: [{field: RECEIVED_AT, direction: DESC}]) { edges { node { score comment } } } satisfaction { unhappy } } } }`,
  { id: own.id })).node;
  expect(said.feedbacks.edges[0].node).toEqual({ score: 2, comment: 'Машина опоздала на погрузку' });
  expect(said.satisfaction.unhappy).toBe(true);
  await expect(page.getByTestId('sign-unhappy')).toBeVisible();

  // «Лён» by "лен", and by its Latin spelling; Enter opens the best match, not the first by the alphabet
  const linen = (await gql(page.request, `{ clients(first: 20, where: {nameContainsFold: "Северный Лён"}, orderBy: [{field: NAME}]) {
    edges { node { id name } } } }`)).clients.edges.map((e: any) => e.node);
  expect(linen.length, 'demo clients named «Северный Лён»').toBeGreaterThan(0);
  const exact = linen.find((x: any) => /«Северный Лён»$/.test(x.name)) ?? linen[0];
  for (const typed of ['лен', 'Severnyi Len', 'severnyj len']) {
    await search.fill(typed);
    await expect(page.locator('.search-results')).toContainText(exact.name);
  }
  await shot(page, 'search-latin');
  await search.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/clients/${exact.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(exact.name);

  // a shipment by its reference
  await search.fill(shipment.reference);
  await expect(page.locator('.search-results')).toContainText(shipment.reference);
  await shot(page, 'search');
  await search.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/shipments/${shipment.id}$`));
  await page.context().close();
});

test('an analyst runs a query in the explorer, loaded only on its route, saves it and downloads its CSV', async ({ browser }, info) => {
  const page = await newPage(browser, info);
  const chunks: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/assets/')) chunks.push(new URL(r.url()).pathname); });
  await signIn(page, analyst);
  await page.goto('/shipments?mine=0');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(chunks.filter((c) => /ExplorerPage|monaco/.test(c))).toEqual([]);

  await page.getByRole('link', { name: 'Запросы' }).click();
  await expect(page.locator('.graphiql-container')).toBeVisible();
  await expect.poll(() => chunks.some((c) => /ExplorerPage-.*\.js$/.test(c))).toBe(true);
  // the schema's docs, from our own server
  await page.getByRole('button', { name: /documentation/i }).click();
  await expect(page.locator('.graphiql-doc-explorer')).toContainText('Query');
  await page.getByRole('button', { name: /Execute query/i }).click();
  await expect(page.locator('.result-window')).toContainText('totalCount');
  await shot(page, 'explorer', graphiqlOwn);

  // every late shipment, not the 20 of the page: the CSV reads page after page
  const server = await gql(page.request, `{ shipments(first: 1000, where: {isLate: true, statusIn: [PLANNED, BOOKED, IN_TRANSIT]},
    orderBy: [{field: PLANNED_DELIVERY}]) { edges { node { reference status plannedDelivery client { name } carrier { name } } } } }`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать результат в CSV' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trim().split('\r\n');
  // a Russian spreadsheet's separator
  const header = lines[0].split(';');
  expect(header).toEqual(['reference', 'status', 'plannedDelivery', 'estimatedDelivery', 'client.name', 'carrier.name']);
  const rows = lines.slice(1).map((l) => l.split(';'));
  const want = server.shipments.edges.map((e: any) => e.node);
  expect(rows.length).toBe(want.length);
  rows.forEach((r, i) => {
    expect(r[header.indexOf('reference')]).toBe(want[i].reference);
    expect(r[header.indexOf('status')]).toBe(want[i].status);
    expect(r[header.indexOf('plannedDelivery')]).toBe(want[i].plannedDelivery);
  });

  // saved on the server, for this analyst
  await page.getByRole('button', { name: 'Сохранённые запросы' }).click();
  await page.locator('#saved-name').fill('Опаздывающие');
  await page.getByRole('button', { name: 'Сохранить текущий запрос' }).click();
  await expect(page.getByRole('button', { name: 'Открыть сохранённый запрос Опаздывающие' })).toBeVisible();
  const saved = await gql(page.request, '{ savedQueries { edges { node { name query } } } }');
  expect(saved.savedQueries.edges.map((e: any) => e.node.name)).toEqual(['Опаздывающие']);
  expect(saved.savedQueries.edges[0].node.query).toContain('LateShipments');
  await shot(page, 'explorer-saved', graphiqlOwn);
  await page.context().close();
});

test('an administrator sees the matrix gaps and gives a client a new pair', async ({ browser }, info) => {
  const page = await newPage(browser, info);
  await signIn(page, admin);
  await page.goto('/matrix?gaps=1');
  const gapped = await gql(page.request, `{ clients(first: 1000, orderBy: [{field: NAME}], where: {or: [
    {accountManagerIDIsNil: true}, {operationsManagerIDIsNil: true},
    {hasAccountManagerWith: {active: false}}, {hasOperationsManagerWith: {active: false}}]}) {
    totalCount edges { node { id name } } } }`);
  expect(gapped.clients.totalCount).toBeGreaterThan(0);
  await expect(page.getByTestId('matrix-gaps')).toContainText(String(gapped.clients.totalCount));
  // the clients with a gap page by 100, as the server filters them
  await expect(page.locator('tbody tr[data-testid^="matrix-"]')).toHaveCount(Math.min(gapped.clients.totalCount, 100));
  await shot(page, 'matrix');

  const ams = await gql(page.request, '{ managers(where: {role: ACCOUNT_MANAGER, active: true}, orderBy: [{field: NAME}]) { edges { node { id name } } } }');
  const oms = await gql(page.request, '{ managers(where: {role: OPERATIONS_MANAGER, active: true}, orderBy: [{field: NAME}]) { edges { node { id name } } } }');
  const am = ams.managers.edges[0].node;
  const omNew = oms.managers.edges[0].node;
  const amOld = ams.managers.edges[1].node;
  const omOld = oms.managers.edges[1].node;
  // a client with open work to hand over: a tender its account manager
  // owns, a shipment its operations manager runs
  const stamp = Date.now();
  const { createClient } = await gql(page.request, `mutation($in: CreateClientInput!) { createClient(input: $in) { id name } }`,
    { in: { name: `ООО «Передача ${stamp}»`, country: 'RU', city: 'Тула', accountManagerID: amOld.id, operationsManagerID: omOld.id } });
  const target = createClient;
  await gql(page.request, `mutation($in: CreateTenderInput!) { createTender(input: $in) { id } }`,
    { in: { reference: `T-HAND-${stamp}`, title: 'Годовой контракт', clientID: target.id, ownerID: amOld.id, estimatedValue: '100000', currency: 'RUB',
      submissionDeadline: new Date(Date.now() + 14 * 864e5).toISOString() } });
  const pickup = new Date(Date.now() + 2 * 864e5);
  await gql(page.request, `mutation($in: CreateShipmentInput!) { createShipment(input: $in) { id } }`,
    { in: { reference: `SH-HAND-${stamp}`, clientID: target.id, operationsManagerID: omOld.id, mode: 'ROAD', origin: 'Тула', destination: 'Москва',
      plannedPickup: pickup.toISOString(), plannedDelivery: new Date(pickup.getTime() + 2 * 864e5).toISOString(), currency: 'RUB', price: '50000.00' } });
  await page.goto(`/matrix?am=${amOld.id}&om=${omOld.id}`);
  const workOf = async () => (await gql(page.request, `query($id: ID!) { node(id: $id) { ... on Client {
    tenders(first: 1000) { edges { node { id reference owner { id } } } }
    shipments(first: 1000) { edges { node { id reference operationsManager { id } } } } } } }`, { id: target.id })).node;
  const before = await workOf();
  await page.getByLabel(`Выбрать ${target.name}`).check();
  await page.getByLabel('Новый менеджер по работе с клиентами').selectOption(am.id);
  await page.getByLabel('Новый операционный менеджер').selectOption(omNew.id);
  // first what would move, then the reassignment
  await page.getByRole('button', { name: 'Показать, что будет передано' }).click();
  const preview = page.getByTestId('reassign-preview');
  await expect(preview).toContainText('Переназначить?');
  const listed = async (testid: string) => (await preview.getByTestId(testid).locator('li').allTextContents().catch(() => []))
    .map((x) => x.split(' · ')[0]).sort();
  const previewTenders = await listed('preview-tenders');
  const previewShipments = await listed('preview-shipments');
  await shot(page, 'matrix-preview');
  await preview.getByRole('button', { name: 'Переназначить' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Переназначено' })).toBeVisible();
  const after = (await gql(page.request, `query($id: ID!) { node(id: $id) { ... on Client { accountManager { id } operationsManager { id } } } }`, { id: target.id })).node;
  expect(after).toEqual({ accountManager: { id: am.id }, operationsManager: { id: omNew.id } });
  // what the server handed over is what the preview listed
  const now = await workOf();
  type T = { id: string; reference: string; owner?: { id: string }; operationsManager?: { id: string } };
  const owners = new Map<string, string | undefined>(before.tenders.edges.map((e: { node: T }) => [e.node.id, e.node.owner?.id]));
  const runners = new Map<string, string | undefined>(before.shipments.edges.map((e: { node: T }) => [e.node.id, e.node.operationsManager?.id]));
  const handedTenders = now.tenders.edges.map((e: { node: T }) => e.node).filter((x: T) => x.owner?.id !== owners.get(x.id)).map((x: T) => x.reference).sort();
  const handedShipments = now.shipments.edges.map((e: { node: T }) => e.node).filter((x: T) => x.operationsManager?.id !== runners.get(x.id)).map((x: T) => x.reference).sort();
  expect(handedTenders).toEqual(previewTenders);
  expect(handedShipments).toEqual(previewShipments);
  expect(previewTenders).toEqual([`T-HAND-${stamp}`]);
  expect(previewShipments).toEqual([`SH-HAND-${stamp}`]);
  // its pair changed: it leaves the old pair's list
  await expect(page.getByTestId(`matrix-${target.name}`)).toHaveCount(0);
  await shot(page, 'matrix-reassigned');
  await page.context().close();
});

test('the explorer downloads an aggregate and a list of three pages as CSV, as the server has them, with ";" in Russian', async ({ browser }, info) => {
  const page = await newPage(browser, info);
  await signIn(page, analyst);
  const aggregate = 'query ByCarrier { shipmentAggregates(groupBy: [CARRIER], where: {statusIn: [DELIVERED]}) { key { carrier { name } currency } count price { sum } } }';
  const paged = 'query Clients { clients(first: 30, orderBy: [{field: NAME}]) { totalCount edges { node { name city } } } }';
  const stamp = Date.now();
  for (const [name, query] of [[`Агрегат ${stamp}`, aggregate], [`Клиенты ${stamp}`, paged]]) {
    await gql(page.request, 'mutation($n: String!, $q: String!) { saveQuery(name: $n, query: $q) { id } }', { n: name, q: query });
  }
  const clients = await gql(page.request, '{ clients(first: 1000, orderBy: [{field: NAME}]) { totalCount edges { node { name city } } } }');
  expect(clients.clients.totalCount).toBeGreaterThan(60); // three pages of 30
  const groups = (await gql(page.request, aggregate)).shipmentAggregates;

  await page.getByRole('link', { name: 'Запросы' }).click();
  await expect(page.locator('.graphiql-container')).toBeVisible();
  const csvOf = async (name: string) => {
    // the panel's button opens it, or closes it when it is open
    if (!(await page.locator('.saved-queries').isVisible())) await page.getByRole('button', { name: 'Сохранённые запросы' }).click();
    await page.getByRole('button', { name: `Открыть сохранённый запрос ${name}` }).click();
    await expect(page.locator('.graphiql-query-editor')).toContainText(name.startsWith('Клиенты') ? 'Clients' : 'ByCarrier');
    await page.getByRole('button', { name: /Execute query/i }).click();
    await expect(page.locator('.result-window')).toContainText('"data"');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать результат в CSV' }).click()]);
    return readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(';'));
  };
  const [head, ...rows] = await csvOf(`Клиенты ${stamp}`);
  expect(head).toEqual(['name', 'city']);
  expect(rows).toEqual(clients.clients.edges.map((e: any) => [e.node.name, e.node.city]));

  const [aggHead, ...aggRows] = await csvOf(`Агрегат ${stamp}`);
  expect(aggHead.slice(0, 4)).toEqual(['key.carrier.name', 'key.currency', 'count', 'price.sum']);
  // the groups as rows, decimals with a comma
  expect(aggRows.map((r) => r.slice(0, 4))).toEqual(groups.map((g: any) =>
    [g.key.carrier?.name ?? '', g.key.currency, String(g.count), g.price.sum === null ? '' : String(g.price.sum).replace('.', ',')]));
  await page.context().close();
});
