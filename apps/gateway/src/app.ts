import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { browserApi } from './api/browser/index.ts';
import { CallbackSender, type CallbackOptions } from './api/checkout/callbacks.ts';
import { checkoutApi } from './api/checkout/index.ts';
import { formApi, type FormAssets } from './api/form/index.ts';
import { checkoutFaceErrors } from './api/checkout/errors.ts';
import { payrocApi } from './api/payroc/index.ts';
import { payrocFaceErrors } from './api/payroc/problems.ts';
import {
  clientErrorHandler,
  frameworkErrorHandler,
  installErrorHandling,
  installSecurityHeaders,
} from './api/errors.ts';
import type { GatewayContext } from './api/gateway-context.ts';
import { installBodyParser } from './api/request-body.ts';
import { restApi } from './api/rest/index.ts';
import { checkoutCompletion } from './api/checkout/completion.ts';
import { mastercardCompletion } from './api/rest/payer-authentication/completion.ts';
import { threeDSPagesApi } from './api/threeds/index.ts';
import type { GatewayConfig } from './config.ts';
import { AccessTokens } from './domain/access-tokens.ts';
import { BinTable } from './domain/bins/bin-table.ts';
import { SAMPLE_BIN_RANGES } from './domain/bins/sample-ranges.ts';
import { HostedFieldsSessions } from './domain/hosted-fields.ts';
import { Idempotency } from './domain/idempotency.ts';
import { deriveKey } from './domain/keys.ts';
import { MerchantRegistry } from './domain/merchants.ts';
import { PaymentService } from './domain/payments.ts';
import { RateLimiter } from './domain/rate-limits.ts';
import { SessionService } from './domain/sessions.ts';
import { AuthenticationService } from './domain/threeds/index.ts';
import { TokenService } from './domain/tokens.ts';
import { CardVault } from './domain/vault.ts';
import { loggerOptions } from './logger.ts';
import { SimulatorProcessor, type Processor } from './processor/index.ts';
import { MemoryStore } from './store/memory-store.ts';
import type { Store } from './store/store.ts';
import { SimulatedThreeDSServer, type ThreeDSServer } from './threeds-server/index.ts';

export interface GatewayOptions {
  /** Where log lines go (default stdout); tests capture them here. */
  logStream?: DestinationStream;
  store?: Store;
  /** The acquirer connection (default: the simulator). */
  processor?: Processor;
  /** The 3-D Secure server (default: the simulated directory servers and issuer ACSs). */
  threeDSServer?: ThreeDSServer;
  /** How 3-D Secure callbacks are sent and retried; tests inject a transport and skip the waits. */
  callbacks?: CallbackOptions;
  /** Epoch milliseconds. */
  now?: () => number;
  /** The built SDK and frames to serve; without them the gateway serves the APIs only (unit tests). */
  formAssets?: FormAssets;
}

// Mastercard requests are small; a larger body is a mistake or an attack.
const BODY_LIMIT_BYTES = 16 * 1024;
const SWEEP_INTERVAL_MS = 60_000;
/** API faces with an error body of their own, for requests refused before their routes. */
const FACE_ERRORS = [checkoutFaceErrors, payrocFaceErrors];

declare module 'fastify' {
  interface FastifyInstance {
    /** The domain services, for plugins registered after build (e.g. the form pages need merchants). */
    gateway: GatewayContext;
  }
}

/** Builds the gateway without listening: `app.inject` for tests, `app.listen` to serve. */
export function buildGateway(config: GatewayConfig, options: GatewayOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    // Fastify's own two lines per request cost a fifth of the memory store's throughput: one line instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors: frameworkErrorHandler(FACE_ERRORS),
    clientErrorHandler: clientErrorHandler(FACE_ERRORS),
    trustProxy: trustProxyOption(config.trustProxy),
  });
  const store = options.store ?? new MemoryStore();
  const retiredKeys = config.retiredVaultKeys ?? [];
  const vault = new CardVault(config.vaultKey, retiredKeys);
  const clock = options.now ? { now: options.now } : {};
  const now = options.now ?? Date.now;
  const limiter = new RateLimiter({
    store,
    limits: config.rateLimits,
    cardFingerprintKey: deriveKey(config.vaultKey, 'card-fingerprint'),
    onBlock: (block) => app.log.warn({ rateLimit: block }, 'rate limit reached: refusing until it clears'),
    onCountFailed: (error) =>
      app.log.warn({ type: (error as Error).name }, 'a failure or decline could not be counted'),
    ...clock,
  });
  const bins = new BinTable(config.binRanges ?? SAMPLE_BIN_RANGES);
  const sessions = new SessionService({
    store,
    vault,
    limiter,
    bins,
    ttlMs: config.sessionTtlSeconds * 1000,
    ...clock,
  });
  const tokens = new TokenService({ store, vault, sessions, bins, ...clock });
  const authentications = new AuthenticationService({
    store,
    vault,
    server: options.threeDSServer ?? new SimulatedThreeDSServer(),
    ttlMs: config.sessionTtlSeconds * 1000,
    methodTimeoutMs: config.threeDSMethodTimeoutMs,
    ...clock,
  });
  const merchants = new MerchantRegistry(config.merchants);
  const idempotency = new Idempotency({
    store,
    fingerprintKey: deriveKey(config.vaultKey, 'idempotency-fingerprint'),
    ...clock,
  });
  const context: GatewayContext = {
    merchants,
    limiter,
    sessions,
    tokens,
    bins,
    now,
    ...(config.publicOrigin ? { publicOrigin: config.publicOrigin } : {}),
    authentications,
    idempotency,
    accessTokens: new AccessTokens({ merchants, key: deriveKey(config.vaultKey, 'access-token'), ...clock }),
    hostedFields: new HostedFieldsSessions({ sessions, tokens }),
    payments: new PaymentService({
      store,
      processor: options.processor ?? new SimulatorProcessor(),
      sessions,
      tokens,
      bins,
      authentications,
      fingerprintKey: deriveKey(config.vaultKey, 'request-fingerprint'),
      retiredFingerprintKeys: retiredKeys.map((key) => deriveKey(key, 'request-fingerprint')),
      limiter,
      ...clock,
    }),
  };
  app.decorate('gateway', context);

  installBodyParser(app);
  installErrorHandling(app, FACE_ERRORS);
  installSecurityHeaders(app);
  if (['info', 'debug', 'trace'].includes(config.logLevel)) installRequestLog(app);

  // One line per API family; each plugin gets the domain context and nothing of the others.
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.register(restApi, context);
  app.register(browserApi, context);
  const callbacks = new CallbackSender(options.callbacks);
  app.register(checkoutApi, { ...context, callbacks });
  app.register(payrocApi, context);
  if (options.formAssets) {
    app.register(formApi, { ...context, assets: options.formAssets });
    app.register(threeDSPagesApi, {
      ...context,
      assets: options.formAssets,
      completions: { checkout: checkoutCompletion, mastercard: mastercardCompletion },
      simulatedAcs: !options.threeDSServer,
    });
  }

  const sweeper = setInterval(() => {
    Promise.all([
      context.sessions.sweep(),
      context.authentications.sweep(),
      limiter.sweep(),
      idempotency.sweep(),
    ]).catch((error: unknown) => app.log.error({ type: (error as Error).name }, 'sweep failed'));
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    callbacks.close();
    await store.close();
  });
  return app;
}

/**
 * One info line per answered request (method, URL with session ids shortened, status, milliseconds): no
 * body and no header, so no card data or credential. Not installed at all above the info level.
 */
function installRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { req: request, res: { statusCode: reply.statusCode }, responseTime: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });
}

/** A hop count as the function Fastify's types ask for; addresses and ranges as they are. */
function trustProxyOption(trust: GatewayConfig['trustProxy']) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : (trust ?? false);
}
