/** The merchant's settings, from the environment. The defaults are the embedded gateway's sandbox merchant. */
export interface MerchantConfig {
  gatewayUrl: string;
  merchantId: string;
  /** Server-side only: it authorises payments and must never reach a page, a URL or a log line. */
  apiPassword: string;
  /** Server-side only, like the password: the Bearer key of the 3-D Secure sessions API. */
  secretKey: string;
  apiVersion: string;
  /** The processing terminal the shop's session tokens are made for (the Payroc-shaped API). */
  processingTerminalId: string;
}

/** The embedded gateway's published sandbox password; local use only, like the gateway's own default. */
const SANDBOX_PASSWORD = 'sandbox-password-not-for-production';
const SANDBOX_SECRET_KEY = 'sk_sandbox-secret-key-not-for-production';

export function readMerchantConfig(env: NodeJS.ProcessEnv = process.env): MerchantConfig {
  const gatewayUrl = new URL(env.GATEWAY_URL ?? 'http://127.0.0.1:4600');
  return {
    gatewayUrl: gatewayUrl.origin,
    merchantId: env.MERCHANT_ID ?? 'TESTMERCHANT',
    apiPassword: env.MERCHANT_API_PASSWORD ?? env.SANDBOX_API_PASSWORD ?? SANDBOX_PASSWORD,
    secretKey: env.MERCHANT_SECRET_KEY ?? env.SANDBOX_SECRET_KEY ?? SANDBOX_SECRET_KEY,
    apiVersion: '100',
    processingTerminalId: env.PROCESSING_TERMINAL_ID ?? env.SANDBOX_TERMINAL_ID ?? '1234001',
  };
}

export function readPort(value: string | undefined, fallback: number): number {
  const port = Number(value ?? fallback);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Not a port number: ${value}`);
  return port;
}
