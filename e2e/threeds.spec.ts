// 3-D Secure end to end: a session from the merchant's server (POST /sessions), the cardholder through the
// gateway's interceptor, the issuer's 3DS Method and challenge, and back: hosted (top-level redirects) and
// non-hosted (the interceptor framed by the merchant's page, the result posted to its callback URL). The
// cardholder's journeys run in every engine (support/engine-test.ts); the tests built on Playwright's own
// tools run in Chromium and say why.
import AxeBuilder from '@axe-core/playwright';
import { PlaywrightPage } from './support/browser/playwright-page.ts';
import { chromiumOnly, expect, test, type BrowserPage } from './support/engine-test.ts';
import { GATEWAY_URL, MERCHANT_URL, UNREGISTERED_URL } from './support/ports.ts';
import { numberForms } from './support/secrets.ts';
import {
  RETURN,
  answerChallenge,
  callbacksFor,
  challengeShown,
  createAuthentication,
  leave,
  openFramed,
  readAuthentication,
  type Mode,
} from './support/threeds.ts';

interface Row {
  card: string;
  what: string;
  status: string;
  transStatus?: string;
  eci?: string;
  challenge?: boolean;
}

/** The outcome table: every status a test card reaches (README, "3-D Secure test cards"). */
const OUTCOMES: Row[] = [
  {
    card: '5123450000000008',
    what: 'challenge',
    status: 'approved',
    transStatus: 'Y',
    eci: '02',
    challenge: true,
  },
  {
    card: '371881634498004',
    what: 'challenge (Amex)',
    status: 'approved',
    transStatus: 'Y',
    eci: '05',
    challenge: true,
  },
  { card: '5123456789012346', what: 'frictionless', status: 'approved', transStatus: 'Y', eci: '02' },
  { card: '4508750015741019', what: 'frictionless (Visa)', status: 'approved', transStatus: 'Y', eci: '05' },
  { card: '5500005555555559', what: 'attempted', status: 'attempted', transStatus: 'A', eci: '01' },
  { card: '5111111111111118', what: 'declined', status: 'declined', transStatus: 'N', eci: '00' },
  { card: '5506900140100503', what: 'rejected', status: 'rejected', transStatus: 'R' },
  { card: '5123459999998221', what: 'unavailable', status: 'unavailable', transStatus: 'U', eci: '00' },
  { card: '4012000033330026', what: 'device data never answers', status: 'expired' },
];
const SUCCESSFUL = ['approved', 'attempted'];

/** Waits until the top document is at an address starting with `prefix`, and returns that address. */
async function arrived(page: BrowserPage, prefix: string): Promise<URL> {
  await expect
    .poll(async () => (await page.url()).startsWith(prefix), { timeout: 20_000, message: `at ${prefix}` })
    .toBe(true);
  return new URL(await page.url());
}

/** What the merchant page that frames the interceptor heard from it. */
function framedResult(page: BrowserPage): Promise<string | undefined> {
  return page.evaluate(() => document.getElementById('result')?.textContent ?? undefined);
}

/** The cardholder's part: the challenge if there is one, then wait for the way back. */
async function runHosted(page: BrowserPage, session: any, row: Row): Promise<URL> {
  await page.goto(session._links.redirect.href);
  if (row.challenge) await answerChallenge(page, '1234');
  return arrived(page, `${MERCHANT_URL}/3ds/return`);
}

async function runFramed(page: BrowserPage, session: any, row: Row): Promise<void> {
  const frame = await openFramed(page, session._links.redirect.href);
  if (row.challenge) await answerChallenge(frame, '1234');
  await expect.poll(() => framedResult(page), { timeout: 20_000 }).toBe(row.status);
}

for (const mode of ['hosted', 'non-hosted'] as Mode[]) {
  test.describe(`${mode} sessions`, () => {
    for (const row of OUTCOMES) {
      test(`${row.card}: ${row.what} → ${row.status}`, async ({ browserPage: page }) => {
        const session = await createAuthentication(row.card, mode);
        expect(session).toMatchObject({ status: 'pending', next_actions: ['redirect_cardholder'] });
        if (mode === 'hosted') {
          const back = await runHosted(page, session, row);
          expect(back.searchParams.get('to')).toBe(SUCCESSFUL.includes(row.status) ? 'success' : 'failure');
          expect(back.searchParams.get('cko-session-id')).toBe(session.id);
        } else {
          await runFramed(page, session, row);
          await expect.poll(async () => (await callbacksFor(session.id)).length).toBe(1);
          expect((await callbacksFor(session.id))[0]).toMatchObject({ id: session.id, status: row.status });
        }
        const result = await readAuthentication(session.id);
        expect(result).toMatchObject({ status: row.status, completed: true, next_actions: ['complete'] });
        expect(result.response_code).toBe(row.transStatus);
        expect(result.eci).toBe(row.eci);
        expect(result.liability_shift).toBe(SUCCESSFUL.includes(row.status));
      });
    }
  });
}

test('a wrong code leaves two tries and says so; the right one then approves', async ({
  browserPage: page,
}) => {
  const session = await createAuthentication('5123450000000008', 'hosted');
  await page.goto(session._links.redirect.href);
  await answerChallenge(page, '9999');
  await expect
    .poll(() =>
      page.evaluate(() => ({
        alert: document.querySelector('[role="alert"]')?.textContent,
        invalid: document.getElementById('otp')?.getAttribute('aria-invalid'),
      })),
    )
    .toEqual({ alert: 'That code is not right. You have 2 attempts left.', invalid: 'true' });
  await answerChallenge(page, '1234');
  await arrived(page, RETURN.success);
  expect((await readAuthentication(session.id)).status).toBe('approved');
});

test('three wrong codes decline the payment', async ({ browserPage: page }) => {
  const session = await createAuthentication('5123450000000008', 'hosted');
  await page.goto(session._links.redirect.href);
  for (let i = 0; i < 3; i++) await answerChallenge(page, '0000');
  await arrived(page, RETURN.failure);
  expect(await readAuthentication(session.id)).toMatchObject({ status: 'declined', response_code: 'N' });
});

test('Cancel abandons the challenge, hosted and framed', async ({ browserPage: page }) => {
  const hosted = await createAuthentication('5123450000000008', 'hosted');
  await page.goto(hosted._links.redirect.href);
  await challengeShown(page);
  await leave(page, 'button[value="cancel"]');
  await arrived(page, RETURN.failure);
  expect((await readAuthentication(hosted.id)).status).toBe('challenge_abandoned');

  const framed = await createAuthentication('5123450000000008', 'non-hosted');
  const frame = await openFramed(page, framed._links.redirect.href);
  await challengeShown(frame);
  await leave(frame, 'button[value="cancel"]');
  await expect.poll(() => framedResult(page), { timeout: 15_000 }).toBe('challenge_abandoned');
});

test.describe(() => {
  chromiumOnly('axe-core checks a page through @axe-core/playwright, on a Playwright page');

  test('the challenge works with the keyboard alone and axe finds nothing on it or the interceptor', async ({
    page,
  }) => {
    const session = await createAuthentication('5123450000000008', 'hosted');
    await page.goto(session._links.redirect.href);
    // The interceptor, while it is on screen, is checked too (its status is a live region).
    const input = page.getByLabel('One-time code');
    await expect(input).toBeFocused({ timeout: 15_000 });
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Verify' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${RETURN.success}**`);
  });

  test('axe finds nothing on the interceptor page', async ({ page }) => {
    const session = await createAuthentication('5123450000000008', 'hosted');
    // The gateway's answer to the page's first call is held, so the interceptor stays on screen for axe.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/start', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(session._links.redirect.href);
    await expect(page.getByRole('status')).toHaveText('Contacting your bank…');
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    release();
    await expect(page.getByLabel('One-time code')).toBeVisible({ timeout: 15_000 });
  });
});

test.describe(() => {
  chromiumOnly(
    'two payers at once need two isolated browser contexts, which the browser page interface does not open',
  );

  test('two browsers completing one challenge get one result', async ({ browser }) => {
    const session = await createAuthentication('5123450000000008', 'hosted', {
      completion: {
        type: 'hosted',
        success_url: RETURN.success,
        failure_url: RETURN.failure,
        callback_url: `${MERCHANT_URL}/3ds/callback`,
      },
    });
    const first = await browser.newContext();
    const second = await browser.newContext();
    try {
      const pages = [await first.newPage(), await second.newPage()];
      for (const page of pages) {
        await page.goto(session._links.redirect.href);
        await expect(page.getByLabel('One-time code')).toBeVisible({ timeout: 15_000 });
      }
      // One browser gets the code right, the other cancels, both at once.
      await Promise.all([
        answerChallenge(new PlaywrightPage(pages[0]!), '1234'),
        pages[1]!.getByRole('button', { name: 'Cancel' }).click(),
      ]);
      for (const page of pages) await page.waitForURL(`${MERCHANT_URL}/3ds/return**`, { timeout: 20_000 });
      const ends = pages.map((page) => new URL(page.url()).searchParams.get('to'));
      expect(ends[0]).toBe(ends[1]);
      const result = await readAuthentication(session.id);
      expect(ends[0]).toBe(result.status === 'approved' ? 'success' : 'failure');
      await expect.poll(async () => (await callbacksFor(session.id)).length).toBe(1);
      expect((await callbacksFor(session.id))[0].status).toBe(result.status);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

test.describe(() => {
  chromiumOnly(
    'it reads every response body as it arrives (Playwright response events); the browser page interface records requests only',
  );

  test('the interceptor and the challenge show no card number, only its last four digits', async ({
    page,
  }) => {
    const pan = '5123450000000008';
    const session = await createAuthentication(pan, 'hosted');
    // Everything the browser received on the way (the interceptor, its calls, the issuer's pages), read as it
    // arrived: the interceptor moves on by itself, too soon to read its document reliably.
    const received: Promise<string>[] = [];
    page.on('response', (response) => received.push(response.text().catch(() => '')));
    await page.goto(session._links.redirect.href);
    await expect(page.getByLabel('One-time code')).toBeVisible({ timeout: 15_000 });
    const challenge = await page.content();
    expect(challenge).toContain('Mastercard •••• 0008');
    expect(challenge).toContain('Harbor &amp; Pine Coffee');
    const seen = [...(await Promise.all(received)), challenge];
    expect(seen.some((text) => text.includes('Verifying your payment'))).toBe(true);
    for (const html of seen) for (const form of numberForms(pan)) expect(html).not.toContain(form);
  });
});

test.describe(() => {
  chromiumOnly(
    'it walks every frame and window of the page (page.frames() and context.pages(), Playwright only)',
  );

  test('an origin the merchant never registered cannot frame the interceptor or the challenge', async ({
    page,
  }) => {
    const session = await createAuthentication('5123450000000008', 'non-hosted');
    await openFramed(new PlaywrightPage(page), session._links.redirect.href, UNREGISTERED_URL);
    await expect(page.locator('body')).toHaveAttribute('data-loads', '1');
    // The interceptor never ran: nothing started the authentication.
    expect((await readAuthentication(session.id)).status).toBe('pending');
    for (const frame of page.frames()) {
      if (frame.url().startsWith(GATEWAY_URL))
        expect(
          await frame
            .locator('#status')
            .count()
            .catch(() => 0),
        ).toBe(0);
    }

    // The challenge page itself, posted into a frame of the unregistered page.
    const framed = await page.request.get(session._links.redirect.href);
    expect(framed.headers()['content-security-policy']).toContain('frame-ancestors http://localhost:*');
    const registered = await createAuthentication('5123450000000008', 'non-hosted');
    const context = page.context();
    const helper = await context.newPage();
    const frame = await openFramed(new PlaywrightPage(helper), registered._links.redirect.href);
    await challengeShown(frame);
    const creq = await frame.evaluate(
      () => document.querySelector<HTMLInputElement>('input[name="creq"]')!.value,
    );
    await helper.close();
    await page.goto(`${UNREGISTERED_URL}/pages/threeds-frame.html#about%3Ablank`);
    await page.evaluate(
      ({ action, creq }) => {
        const frame = document.createElement('iframe');
        frame.name = 'acs';
        document.body.append(frame);
        frame.addEventListener('load', () => (document.body.dataset.acs = 'loaded'));
        const form = document.createElement('form');
        form.method = 'post';
        form.action = action;
        form.target = 'acs';
        const input = document.createElement('input');
        input.name = 'creq';
        input.value = creq;
        form.append(input);
        document.body.append(form);
        form.submit();
      },
      { action: `${GATEWAY_URL}/3ds/acs/challenge`, creq: creq! },
    );
    await expect(page.locator('body')).toHaveAttribute('data-acs', 'loaded');
    expect(page.context().pages()).toHaveLength(1);
    for (const f of page.frames()) {
      if (f.url().startsWith(GATEWAY_URL))
        expect(
          await f
            .locator('#otp')
            .count()
            .catch(() => 0),
        ).toBe(0);
    }
    expect((await readAuthentication(registered.id)).status).toBe('challenged');
  });
});
