// The hosted fields speak the payer's language to assistive technology, and change it live with setLocale.
import { expect, test } from '@playwright/test';
import { CheckoutPage, FIELD_INPUT, fieldFrame } from './support/checkout-page.ts';

test('setLocale switches every field’s language and messages live, and configure’s locale is the first', async ({
  page,
}) => {
  const checkout = new CheckoutPage(page);
  await checkout.open({ query: { locale: 'zh_CN' } });
  const field = (placeholder: string) => page.frameLocator(fieldFrame(placeholder));
  const number = field('#card-number');
  const message = number.locator('#hs-message');
  await expect(number.locator('html')).toHaveAttribute('lang', 'zh-CN');

  // Luhn fails on the last digit: the field says so in its language, the label being the page's title.
  await number.locator(FIELD_INPUT).first().pressSequentially('5123450000000009');
  await expect(message).toHaveText('Card number无效，请输入正确的值。');

  await page.evaluate(() => (window as any).PaymentSession.setLocale('de_DE'));
  await expect(number.locator('html')).toHaveAttribute('lang', 'de-DE');
  await expect(message).toHaveText('Card number ist ungültig, bitte geben Sie einen korrekten Wert ein.');
  await expect(field('#security-code').locator('html')).toHaveAttribute('lang', 'de-DE');

  await page.evaluate(() => (window as any).PaymentSession.setLocale('fr_CA'));
  await expect(message).toHaveText(
    "Le champ « Card number » n'est pas valide. Veuillez entrer une valeur correcte.",
  );

  // An expired date, in the language of the moment.
  await page.evaluate(() => (window as any).PaymentSession.setLocale('pt_BR'));
  await checkout.fill({ month: '01', year: '26' });
  await expect(field('#expiry-year').locator('#hs-message')).toHaveText(
    'O cartão está vencido, verifique a data de validade.',
  );
});
