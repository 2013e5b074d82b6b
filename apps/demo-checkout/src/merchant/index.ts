export {
  checkoutsRefused,
  createMerchantApi,
  type MerchantApiOptions,
  type PayResult,
  type Receipt,
} from './api.ts';
export { currentCart, formatMoney, type Cart } from './cart.ts';
export { readMerchantConfig, readPort, type MerchantConfig } from './config.ts';
export { authenticationOrderOf } from './gateway.ts';
export { loadStaticFiles, pageHeaders, sendStatic } from './http.ts';
export { readShopLimits, type ShopLimits } from './rate-limit.ts';
export { createScriptPinning, type PinnedScript, type PinnedScripts } from './script-integrity.ts';
export { serve } from './serve.ts';
export {
  CSC_OUTCOMES,
  EXPIRY_OUTCOMES,
  TEST_CARDS,
  THREEDS_OUTCOMES,
  groupNumber,
  type TestCard,
} from './test-cards.ts';
