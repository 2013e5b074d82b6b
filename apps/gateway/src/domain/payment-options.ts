import type { Brand } from '@hosted-session/card';
import { SUPPORTED_CURRENCIES, type Currency } from './money/index.ts';
import type { Merchant } from './merchants.ts';

export interface PaymentOptionsBody {
  merchant: string;
  paymentTypes: {
    card: {
      cardTypes: { cardType: Brand }[];
      currencies: { currency: Currency }[];
      enforceCardSecurityCodeEntry: boolean;
    };
  };
  result: 'SUCCESS';
}

/** Payment Options Inquiry: what the merchant accepts, so a page can show only cards that will go through. */
export function paymentOptions(merchant: Merchant): PaymentOptionsBody {
  return {
    merchant: merchant.id,
    paymentTypes: {
      card: {
        cardTypes: merchant.supportedBrands.map((cardType) => ({ cardType })),
        currencies: SUPPORTED_CURRENCIES.map((currency) => ({ currency })),
        enforceCardSecurityCodeEntry: merchant.cscRequired,
      },
    },
    result: 'SUCCESS',
  };
}
