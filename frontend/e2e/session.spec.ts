// Sessions that end under an open page, navigation by role, and the phone.
import { expect, request, test } from '@playwright/test';
import { demo, gql, shot, signIn } from './helpers';

test('an ended session returns to sign-in and back to the page asked for', async ({ page, context }) => {
  await signIn(page, demo.am);
  const d = await gql(page.request, `{ tenders(first: 1, where: {stage: NEGOTIATION}, orderBy: [{field: REFERENCE}]) { edges { node { id reference client { id name } } } } }`);
  const t = d.tenders.edges[0].node;
  await page.goto(`/tenders/${t.id}`);
  await expect(page.getByRole('heading', { name: `Тендер ${t.reference}` })).toBeVisible();

  // the server ends the session while the page stays open with its cookie
  const cookie = (await context.cookies()).find((c) => c.name === 'fg_session')!;
  expect((await page.request.post('/auth/sign-out', { data: {} })).ok()).toBe(true);
  await context.addCookies([cookie]);

  await page.getByRole('link', { name: t.client.name }).click();
  await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(`/clients/${t.client.id}`)}$`));
  await expect(page.getByRole('status')).toHaveText('Сеанс завершён. Войдите снова, чтобы продолжить с того же места.');
  await page.locator('#email').fill(demo.am);
  await page.locator('#password').fill(demo.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${t.client.id}$`));
  await expect(page.getByRole('heading', { name: t.client.name, level: 1 })).toBeVisible();
});

test('a sign-in link never leads off the app', async ({ page }) => {
  await page.goto('/sign-in?next=//evil.example/x');
  await page.locator('#email').fill(demo.am);
  await page.locator('#password').fill(demo.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/pipeline$/);
});

test('an operations manager sees the board but moves nothing', async ({ page }) => {
  await signIn(page, 'oleg.novikov@freightgraph.example');
  await page.goto('/pipeline');
  await expect(page.getByRole('heading', { name: 'Воронка тендеров' })).toBeVisible();
  await expect(page.locator('.card').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Новый тендер' })).toHaveCount(0);
  await expect(page.getByTestId('move-handle')).toHaveCount(0);
  await expect(page.locator('.card[draggable="true"]')).toHaveCount(0);
  await page.goto('/tenders/new');
  await expect(page.getByRole('heading', { name: 'Недоступно для вашей роли' })).toBeVisible();
});

test.describe('at phone width', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the menu opens and a tender moves from its card', async ({ page }) => {
    await signIn(page, demo.am);
    const me = (await gql(page.request, '{ viewer { id } }')).viewer.id;
    const d = await gql(page.request, `query($w: TenderWhereInput!) { tenders(first: 1, where: $w, orderBy: [{field: SUBMISSION_DEADLINE}]) { edges { node { id reference } } } }`,
      { w: { ownerID: me, stage: 'SUBMITTED' } });
    const t = d.tenders.edges[0].node;
    await page.goto(`/pipeline?mine=1&q=${t.reference}`);
    await expect(page.getByRole('link', { name: 'Клиенты' })).toBeHidden();
    await page.getByRole('button', { name: 'Меню' }).click();
    await expect(page.getByRole('link', { name: 'Клиенты' })).toBeVisible();
    await page.getByRole('button', { name: 'Меню' }).click();
    const card = page.getByTestId(`card-${t.reference}`);
    await expect(card).toBeVisible();
    await shot(page, '09-phone-pipeline');
    await card.getByRole('combobox').selectOption('NEGOTIATION');
    await expect(page.getByTestId('column-NEGOTIATION').getByTestId(`card-${t.reference}`)).toBeVisible();
    // the card moves at once; the server then has it there
    await expect.poll(async () => (await gql(page.request, `query($id: ID!) { node(id: $id) { ... on Tender { stage } } }`, { id: t.id })).node.stage)
      .toBe('NEGOTIATION');
    // no screen is wider than the phone: wide tables scroll inside themselves
    for (const path of [`/pipeline?mine=1&q=${t.reference}`, `/tenders/${t.id}`, '/clients', '/tenders/new', '/clients/new']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
    await shot(page, '10-phone-client-new');
  });
});

test('an edit that meets another save keeps what was typed and writes it over the new version', async ({ page }) => {
  await signIn(page, demo.am);
  const me = (await gql(page.request, '{ viewer { id } }')).viewer.id;
  const d = await gql(page.request, `query($w: TenderWhereInput!) { tenders(first: 1, where: $w, orderBy: [{field: REFERENCE}]) { edges { node { id reference winProbability } } } }`,
    { w: { ownerID: me, stage: 'PREPARING' } });
  const t = d.tenders.edges[0].node;
  await page.goto(`/tenders/${t.id}/edit`);
  await page.getByLabel('Название').fill('Перевозки 2027, уточнено');
  // meanwhile a colleague (here: the same account, elsewhere) changes the probability
  const other = t.winProbability === 55 ? 60 : 55;
  await gql(page.request, `mutation($id: ID!, $p: Int!) { updateTender(id: $id, input: {winProbability: $p}) { version } }`, { id: t.id, p: other });
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('status')).toContainText('запись сохранил кто-то другой');
  await expect(page.getByLabel('Название')).toHaveValue('Перевозки 2027, уточнено');
  await expect(page.getByLabel('Вероятность победы, %')).toHaveValue(String(other));
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('heading', { name: `Тендер ${t.reference}` })).toBeVisible();
  const after = await gql(page.request, `query($id: ID!) { node(id: $id) { ... on Tender { title winProbability } } }`, { id: t.id });
  expect(after.node).toEqual({ title: 'Перевозки 2027, уточнено', winProbability: other });
});

test('a manager changes their password and makes, uses and revokes an API token on their own page', async ({ browser, page }) => {
  // an administrator brings in a new analyst with a first password
  await signIn(page, 'viktor.alekseev@freightgraph.example');
  const email = `e2e.${Date.now()}@freightgraph.example`;
  const made = await gql(page.request, `mutation($e: String!) { createManager(input: {name: "Ирина Новикова", email: $e, role: ANALYST}) { id } }`, { e: email });
  await gql(page.request, `mutation($id: ID!) { setManagerPassword(id: $id, newPassword: "first-password-1") { id } }`, { id: made.createManager.id });

  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
  const me = await context.newPage();
  await signIn(me, email, 'first-password-1');
  await me.getByTestId('viewer').first().click();
  await expect(me.getByRole('heading', { level: 1 })).toHaveText('Мой профиль');

  // a wrong current password: refused on its field, in Russian
  await me.getByLabel('Текущий пароль').fill('not-my-password');
  await me.getByLabel('Новый пароль', { exact: true }).fill('second-password-2');
  await me.getByLabel('Новый пароль ещё раз').fill('second-password-2');
  await me.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(me.getByText('Это не ваш текущий пароль.')).toBeVisible();
  await me.getByLabel('Текущий пароль').fill('first-password-1');
  await me.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(me.getByRole('status').filter({ hasText: 'Пароль сменён' })).toBeVisible();

  // a token, shown once, that opens the API as this viewer until revoked
  await me.getByLabel('Для чего').fill('Скрипт отчёта');
  await me.getByRole('button', { name: 'Создать токен' }).click();
  const token = (await me.getByTestId('new-token').locator('code').textContent())!;
  expect(token.length).toBeGreaterThan(20);
  await expect(me.getByTestId('tokens')).toContainText('Скрипт отчёта');
  await shot(me, 'account');
  // from a script: no cookie, only the token
  const script = await request.newContext({ baseURL: test.info().project.use.baseURL });
  const asToken = () => script.post('/graphql', { data: { query: '{ viewer { name } }' }, headers: { Authorization: `Bearer ${token}` } });
  expect((await (await asToken()).json()).data.viewer.name).toBe('Ирина Новикова');
  await me.getByRole('button', { name: 'Отозвать Скрипт отчёта' }).click();
  await expect(me.getByTestId('tokens')).toContainText('отозван');
  expect((await asToken()).status()).toBe(401);
  await script.dispose();
  await context.close();

  // the new password opens a fresh session
  const again = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
  await signIn(await again.newPage(), email, 'second-password-2');
  await again.close();
});
