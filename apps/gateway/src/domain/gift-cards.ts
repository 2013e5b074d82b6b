import { checkGiftCardNumber, checkGiftCardPin, maskTail } from '@hosted-session/card';
import type { GiftCardInput } from '@hosted-session/rest';
import type { SessionContent } from '../store/store.ts';
import { FieldError } from './errors.ts';

const GIFT_CARD = 'sourceOfFunds.provided.giftCard';

/** Gift cards have no global brand: Mastercard shows them as LOCAL_BRAND_ONLY, with the program's name. */
export const GIFT_CARD_BRAND = 'LOCAL_BRAND_ONLY';

/** The clear gift card a payment takes from a session. */
export interface ClearGiftCard {
  number: string;
  pin?: string;
  localBrand: string;
}

/** Checks the gift card fields given on the server (the trust anchor); throws a FieldError naming the first bad one. */
export function validateGiftCard(giftCard: GiftCardInput): void {
  if (giftCard.number !== undefined && !checkGiftCardNumber(giftCard.number).isValid) {
    throw new FieldError(`${GIFT_CARD}.number`, 'INVALID');
  }
  if (giftCard.pin !== undefined && !checkGiftCardPin(giftCard.pin).isValid) {
    throw new FieldError(`${GIFT_CARD}.pin`, 'INVALID');
  }
}

/** What the session shows of a gift card: its program, the number's last digits, "xxxx" for a PIN. */
export function maskGiftCard(giftCard: GiftCardInput): SessionContent {
  return {
    ...(giftCard.localBrand === undefined
      ? {}
      : { brand: GIFT_CARD_BRAND, scheme: GIFT_CARD_BRAND, localBrand: giftCard.localBrand }),
    ...(giftCard.number === undefined ? {} : { number: maskTail(giftCard.number) }),
    ...(giftCard.pin === undefined ? {} : { pin: 'xxxx' }),
  };
}

/** The fields a gift card must end up with, from this update or the session: a number and its program. */
export function requireGiftCard(masked: { number?: unknown; localBrand?: unknown } | undefined): void {
  if (masked?.number === undefined) throw new FieldError(`${GIFT_CARD}.number`, 'MISSING');
  if (masked.localBrand === undefined) throw new FieldError(`${GIFT_CARD}.localBrand`, 'MISSING');
}
