// An account manager's Monday: sign in, filter the board, move tenders by
// drag and by keyboard, be refused a move out of WON, create a client and a
// tender for it. Each step checks what the server then holds.
import { expect, test, type Page } from '@playwright/test';
import { demo, gql, shot } from './helpers';

test.describe.configure({ mode: 'serial' });

let page: Page;
let viewerID = '';

test.beforeAll(async ({ browser }, info) => {
  const { baseURL, locale, timezoneId, viewport } = info.project.use;
  const context = await browser.newContext({ baseURL, locale, timezoneId, viewport });
  page = await context.newPage();
});
test.afterAll(async () => {
  await page.context().close();
});

async function stageOf(id: string): Promise<string> {
  const d = await gql(page.request, `query($id: ID!) { node(id: $id) { ... on Tender { stage } } }`, { id });
  return d.node.stage;
}

/**
 * Drags a card onto a column, level with the card: Chromium picks the drag's
 * source where the pointer is once it moves, so nothing may scroll between.
 * A column shorter than the card's place (columns are as tall as their
 * cards) is dropped on at its foot.
 */
async function dragCard(reference: string, stage: string) {
  const card = page.getByTestId(`card-${reference}`);
  await card.scrollIntoViewIfNeeded();
  const from = (await card.boundingBox())!;
  const column = page.getByTestId(`column-${stage}`);
  const to = (await column.boundingBox())!;
  const y = Math.max(20, Math.min(from.y - to.y + 20, to.height - 20));
  await card.dragTo(column, { targetPosition: { x: to.width / 2, y } });
}

/** One of the viewer's tenders in a stage, chosen by the server's order. */
async function mineIn(stage: string): Promise<{ id: string; reference: string }> {
  const d = await gql(page.request, `query($w: TenderWhereInput!) { tenders(first: 1, where: $w, orderBy: [{field: SUBMISSION_DEADLINE}]) { edges { node { id reference } } } }`,
    { w: { ownerID: viewerID, stage } });
  expect(d.tenders.edges.length, `a tender of the viewer in ${stage}`).toBe(1);
  return d.tenders.edges[0].node;
}

test('sign-in returns to the page asked for', async () => {
  await page.goto('/pipeline?mine=1');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fpipeline%3Fmine%3D1/);
  await expect(page.getByRole('heading', { name: 'Вход' })).toBeVisible();
  await shot(page, '01-sign-in');
  await page.locator('#email').fill(demo.am);
  await page.locator('#password').fill('not the password');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('alert')).toHaveText('Неверный адрес или пароль.');
  await page.locator('#password').fill(demo.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).toHaveURL(/\/pipeline\?mine=1$/);
  await expect(page.getByTestId('viewer')).toContainText('Анна Смирнова');
  viewerID = (await gql(page.request, '{ viewer { id role } }')).viewer.id;
  await expect(page.getByRole('link', { name: 'Новый тендер' }).first()).toBeVisible();
});

test('the board filters, kept in the URL, match the server', async () => {
  await expect(page.getByRole('checkbox', { name: 'Только мои' })).toBeChecked();
  const mine = await gql(page.request, `query($w: TenderWhereInput!) { tenders(where: $w) { totalCount } tenderTotals(where: $w) { stage currency value } }`, { w: { ownerID: viewerID } });
  await expect(page.locator('.summary')).toHaveText(`Тендеров: ${mine.tenders.totalCount}`);
  // the column totals are the server's, in ru-RU money format
  const rub = mine.tenderTotals.find((x: any) => x.stage === 'PREPARING' && x.currency === 'RUB');
  const expected = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', maximumFractionDigits: 0 }).format(rub.value);
  await expect(page.getByTestId('total-PREPARING-RUB').locator('dt')).toHaveText(expected);
  await shot(page, '02-pipeline');

  // search narrows the board to what the server finds
  const one = await mineIn('PREPARING');
  await page.getByRole('searchbox').fill(one.reference);
  await expect(page).toHaveURL(new RegExp(`q=${one.reference}`));
  await expect(page.locator('.card')).toHaveCount(1);
  await expect(page.getByTestId(`card-${one.reference}`)).toBeVisible();
  await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
  await expect(page).toHaveURL(/\/pipeline$/);
  const all = await gql(page.request, '{ tenders { totalCount } }');
  await expect(page.locator('.summary')).toHaveText(`Тендеров: ${all.tenders.totalCount}`);

  // a deadline filter: open tenders due within 30 days, overdue ones
  // included; the server agrees on the count, and back undoes it
  // the URL changes in a React transition, after the click returns
  await page.getByRole('checkbox', { name: 'Только мои' }).click();
  await expect(page).toHaveURL(/mine=1/);
  await expect(page.getByRole('checkbox', { name: 'Только мои' })).toBeChecked();
  await page.getByLabel('Срок подачи в пределах').selectOption('30');
  await expect(page).toHaveURL(/due=30/);
  const url = new URL(page.url());
  expect(url.searchParams.get('mine')).toBe('1');
  const d = await gql(page.request, `query($w: TenderWhereInput!) { tenders(where: $w) { totalCount } }`, {
    w: { ownerID: viewerID, stageIn: ['IDENTIFIED', 'QUALIFYING', 'PREPARING', 'SUBMITTED', 'NEGOTIATION'], submissionDeadlineLTE: await page.evaluate(() => {
      const f = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' });
      const [y, m, dd] = f.format(new Date(Date.now() + 30 * 86400000)).split('-');
      return new Date(Date.UTC(+y, +m - 1, +dd, 23, 59, 59) - 3 * 3600000).toISOString().replace('.000Z', 'Z');
    }) },
  });
  await expect(page.locator('.summary')).toHaveText(`Тендеров: ${d.tenders.totalCount}`);
  await expect(page.getByTestId('column-WON').locator('.card')).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(/\/pipeline\?mine=1$/);
  await page.goto('/pipeline?mine=1');
  await page.waitForLoadState('networkidle');
});

test('a drag moves a tender forward', async () => {
  const t = await mineIn('IDENTIFIED');
  await expect(page.getByTestId('column-IDENTIFIED').getByTestId(`card-${t.reference}`)).toBeVisible();
  await dragCard(t.reference, 'QUALIFYING');
  await expect(page.getByTestId('column-QUALIFYING').getByTestId(`card-${t.reference}`)).toBeVisible();
  await expect.poll(() => stageOf(t.id)).toBe('QUALIFYING');
  await expect(page.getByTestId('board-announcement')).toContainText('перенесён');
});

test('the keyboard moves a tender forward', async () => {
  const t = await mineIn('QUALIFYING');
  const handle = page.getByTestId(`card-${t.reference}`).getByTestId('move-handle');
  await handle.focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('column-QUALIFYING')).toHaveClass(/target/);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('column-PREPARING')).toHaveClass(/target/);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('column-PREPARING').getByTestId(`card-${t.reference}`)).toBeVisible();
  await expect.poll(() => stageOf(t.id)).toBe('PREPARING');
  // the keyboard stays on the card that moved
  await expect(page.getByTestId(`card-${t.reference}`).getByTestId('move-handle')).toBeFocused();
});

test('a decided card offers no move; a move the rules forbid is refused in Russian, and the card stays', async () => {
  // the server says which moves each card has (Tender.moves): a won tender has none
  const won = await mineIn('WON');
  const wonCard = page.getByTestId(`card-${won.reference}`);
  await expect(wonCard).toBeVisible();
  await expect(wonCard.getByTestId('move-handle')).toHaveCount(0);
  await expect(wonCard).toHaveAttribute('draggable', 'false');
  // an identified tender dropped on WON goes to the server, which refuses
  const t = await mineIn('IDENTIFIED');
  await dragCard(t.reference, 'WON');
  const refusal = page.getByTestId('column-IDENTIFIED').getByTestId(`card-${t.reference}`).getByRole('alert');
  await expect(refusal).toContainText('Не принято');
  await expect(refusal).toContainText('выиграть можно только поданный тендер');
  await expect(refusal).not.toContainText('IDENTIFIED');
  expect(await stageOf(t.id)).toBe('IDENTIFIED');
  await shot(page, '03-pipeline-refused');
});

test('an account manager creates a client, then a tender for it', async () => {
  await page.getByRole('link', { name: 'Новый клиент' }).first().click();
  await expect(page).toHaveURL(/\/clients\/new$/);
  // the client's own checks first
  await page.getByRole('button', { name: 'Создать клиента' }).click();
  await expect(page.getByLabel('Название')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Название')).toBeFocused();
  await shot(page, '04-client-form');
  const name = `ООО «Тест ${Date.now()}»`;
  await page.getByLabel('Название').fill(name);
  await page.getByLabel('Отрасль').fill('Розница');
  await expect(page.getByLabel('Страна')).toHaveValue('RU');
  await page.getByLabel('Город').fill('Казань');
  await page.getByRole('button', { name: 'Создать клиента' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  const clientID = page.url().split('/').pop()!;
  const c = await gql(page.request, `query($id: ID!) { node(id: $id) { ... on Client { name city accountManager { id } } } }`, { id: clientID });
  expect(c.node).toEqual({ name, city: 'Казань', accountManager: { id: viewerID } });

  // a contact
  await page.getByRole('button', { name: 'Добавить контакт' }).click();
  await page.getByRole('form', { name: 'Новый контакт' }).getByLabel('Имя').fill('Мария Котова');
  await page.getByRole('form', { name: 'Новый контакт' }).getByLabel('Электронная почта').fill('not-an-address');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Это не адрес электронной почты.')).toBeVisible();
  await page.getByRole('form', { name: 'Новый контакт' }).getByLabel('Электронная почта').fill('m.kotova@example.ru');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.locator('.contacts')).toContainText('Мария Котова');
  await shot(page, '05-client');

  await page.getByRole('link', { name: 'Новый тендер для клиента' }).click();
  await expect(page.getByLabel('Клиент', { exact: true })).toHaveValue(clientID);
  const reference = `T-E2E-${Date.now() % 1_000_000}`;
  await page.getByLabel('Номер').fill(reference);
  await page.getByLabel('Название').fill('Перевозки Казань — Москва, 2027');
  await page.getByLabel('Оценочная стоимость').fill('12 345 678,9');
  await page.getByLabel('Вероятность победы, %').fill('140');
  await page.getByLabel('Срок подачи').fill('2027-01-15T18:00');
  await page.getByRole('button', { name: 'Создать тендер' }).click();
  await expect(page.getByText('Целое число от 0 до 100.')).toBeVisible();
  await shot(page, '06-tender-form');
  await page.getByLabel('Вероятность победы, %').fill('40');
  await page.getByRole('button', { name: 'Создать тендер' }).click();
  await expect(page.getByRole('heading', { name: `Тендер ${reference}` })).toBeVisible();
  const tenderID = page.url().split('/').pop()!;
  const t = await gql(page.request, `query($id: ID!) { node(id: $id) { ... on Tender { reference stage estimatedValue currency winProbability submissionDeadline client { id } owner { id } } } }`, { id: tenderID });
  expect(t.node).toEqual({
    reference, stage: 'IDENTIFIED', estimatedValue: '12345678.90', currency: 'RUB', winProbability: 40,
    submissionDeadline: '2027-01-15T15:00:00Z', client: { id: clientID }, owner: { id: viewerID },
  });
  await expect(page.getByText('12 345 678,90 ₽').first()).toBeVisible();

  // a lane with the client's target rate and ours
  await page.getByRole('button', { name: 'Добавить направление' }).click();
  const lane = page.getByRole('form', { name: 'Новое направление' });
  await lane.getByLabel('Откуда', { exact: true }).fill('Казань');
  await lane.getByLabel('Куда', { exact: true }).fill('Москва');
  await lane.getByLabel('Объём в год').fill('120');
  await lane.getByLabel('Целевая ставка').fill('95 000');
  await lane.getByLabel('Наша ставка').fill('98 500,50');
  await lane.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByTestId('lane-row')).toHaveCount(1);
  const l = await gql(page.request, `query($id: ID!) { node(id: $id) { ... on Tender { lanes { edges { node { origin destination yearlyVolume targetRate offeredRate } } } } } }`, { id: tenderID });
  expect(l.node.lanes.edges[0].node).toEqual({ origin: 'Казань', destination: 'Москва', yearlyVolume: 120, targetRate: '95000.00', offeredRate: '98500.50' });
  await expect(page.getByTestId('stage-history')).toContainText('создан в этапе «Выявлен»');
  await shot(page, '07-tender');

  // the new tender is on the board, in its first column
  await page.getByRole('link', { name: 'Воронка тендеров' }).first().click();
  await expect(page.getByTestId('column-IDENTIFIED').getByTestId(`card-${reference}`)).toBeVisible();
  // and its client in the list of clients
  await page.getByRole('link', { name: 'Клиенты' }).first().click();
  await page.getByRole('searchbox').fill(name);
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.locator('tbody')).toContainText('Анна Смирнова');
  await page.getByRole('searchbox').fill('');
  await expect(page.locator('tbody tr').nth(1)).toBeVisible();
  await shot(page, '08-clients');
});

test('every screen in English', async () => {
  test.slow(); // a dozen screens, each checked with axe
  await page.getByRole('link', { name: 'Воронка тендеров' }).first().click();
  await page.getByRole('combobox', { name: 'Язык' }).first().selectOption('en');
  await expect(page.getByRole('heading', { name: 'Tender pipeline' })).toBeVisible();
  await shot(page, '02-pipeline');
  await page.goto('/clients');
  await expect(page.getByRole('heading', { name: 'Clients' })).toBeVisible();
  await shot(page, '08-clients');
  await page.locator('tbody a').first().click();
  await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
  await shot(page, '05-client');
  await page.goto('/clients/new');
  await shot(page, '04-client-form');
  await page.goto('/tenders/new');
  await shot(page, '06-tender-form');
  const t = await mineIn('NEGOTIATION');
  await page.goto(`/tenders/${t.id}`);
  await expect(page.getByRole('heading', { name: `Tender ${t.reference}` })).toBeVisible();
  await shot(page, '07-tender');
  // the screens of this round, in English too: paged lists, a record's history, the account, search
  await page.goto('/shipments?mine=0');
  await expect(page.getByRole('navigation', { name: 'Pages of the list', exact: true }).getByRole('status')).toContainText(/Rows 1–50 of/);
  await shot(page, '09-shipments');
  await page.locator('tbody th a').first().click();
  await expect(page.getByRole('heading', { name: /^History/ })).toBeVisible();
  await shot(page, '10-shipment');
  await page.goto('/carriers');
  await shot(page, '11-carriers');
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
  await shot(page, '12-account');
  await page.getByRole('combobox', { name: /Search clients/ }).first().fill('severnyi len');
  await expect(page.locator('.search-results').first()).toContainText('Северный Лён');
  await shot(page, '13-search');
  await page.getByRole('combobox', { name: /Search clients/ }).first().press('Escape');
  await expect(page.locator('.search-results')).toHaveCount(0);
  // the choice is remembered; signing out leads to the English sign-in
  // page, which starts afresh rather than on this viewer's page
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  await shot(page, '01-sign-in');
});
