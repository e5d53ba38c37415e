import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserAvailable, LAPTOP, signedInPage } from './browser';
import { useJourney } from './e2e-harness';

// Jeroen connects the hotel's own system: he registers a webhook for logged extras to a receiver on
// this machine and makes an API key for the system; the system logs an extra with the key, the
// delivery job sends the webhook (signed) to the receiver, and the page's log shows it delivered.
// Revoking the key refuses it at once.

describe.runIf(browserAvailable())('webhooks and API keys', () => {
  // The receiver is on loopback: allowed here only. The jobs run, the webhook job among them (every 10 s).
  const { server, browser } = useJourney({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' }, jobs: true });
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.end('ok');
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    receiver.close();
  });

  it('a webhook arrives, signed, for an extra another system logged with an API key', async () => {
    const page = await signedInPage(browser, server.baseUrl, 'jeroen@dekroon.example', { device: LAPTOP });
    // In the menu's organisation group, folded until chosen.
    await page.getByRole('button', { name: 'Organisatie' }).click();
    await page.getByRole('link', { name: 'Koppelingen' }).click();
    await page.waitForURL((url) => url.pathname === '/integrations');

    const webhookForm = page.getByRole('region', { name: 'Webhook toevoegen' });
    await webhookForm.getByLabel(/^Naam/).fill('Ons hotelsysteem');
    await webhookForm
      .getByLabel(/^Adres/)
      .fill(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/klantwerk`);
    await webhookForm.getByLabel('Extra vastgelegd').check();
    await webhookForm.getByRole('button', { name: 'Toevoegen' }).click();
    const secret = (await page.getByTestId('shown-once').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await expect.poll(() => page.getByRole('article', { name: 'Ons hotelsysteem' }).isVisible()).toBe(true);

    const keyForm = page.getByRole('region', { name: 'Sleutel maken' });
    await keyForm.getByLabel(/^Naam/).fill('Hotelsysteem');
    await keyForm.getByRole('button', { name: 'Maken' }).click();
    const key = await page
      .getByTestId('shown-once')
      .filter({ hasText: /^kw_/ })
      .textContent()
      .then((k) => k!.trim());
    expect(key).toMatch(/^kw_/);
    expect(await axeViolations(page)).toEqual([]);

    // The other system: no cookie, only the key.
    const logged = await fetch(`${server.baseUrl}/api/v1/extras`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        occasion: 'Via de koppeling',
        action: 'Late check-out gegeven',
        kind: 'time',
        costCents: 0,
        minutes: 5,
      }),
    });
    expect(logged.status).toBe(201);

    await expect.poll(() => received.length, { timeout: 40_000, interval: 500 }).toBe(1);
    const got = received[0]!;
    const [, stamp, v1] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(String(got.headers['klantwerk-signature'])) ?? [];
    expect(v1).toBe(createHmac('sha256', secret).update(`${stamp}.${got.body}`).digest('hex'));
    expect(JSON.parse(got.body)).toMatchObject({ event: 'extra.logged', data: { action: 'Late check-out gegeven' } });

    await page.reload();
    const card = page.getByRole('article', { name: 'Ons hotelsysteem' });
    await card.getByRole('button', { name: 'Logboek' }).click();
    await expect.poll(() => card.getByRole('table').getByText('afgeleverd').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Intrekken: Hotelsysteem' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Intrekken' }).click();
    await expect.poll(() => page.getByText('Ingetrokken').isVisible()).toBe(true);
    const refused = await fetch(`${server.baseUrl}/api/v1/values`, { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status).toBe(401);
    await page.context().close();
  }, 120_000);
});
