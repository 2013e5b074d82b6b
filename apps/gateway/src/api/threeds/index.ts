import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  METHOD_COMPLETE_MESSAGE,
  type InterceptorConfig,
  type InterceptorStep,
  type RelayConfig,
} from '@hosted-session/protocol';
import * as z from 'zod';
import { GatewayError, InvalidRequestError } from '../../domain/errors.ts';
import { AUTHENTICATION_ID_PATTERN } from '../../domain/ids.ts';
import { isAllowedOrigin } from '../../domain/merchants.ts';
import {
  SUCCESSFUL_STATUSES,
  ThreeDSError,
  decodeChallengeResponse,
  decodeMethodData,
  isFinal,
  type AuthenticationRecord,
  type BrowserStep,
  type NotificationUrls,
} from '../../domain/threeds/index.ts';
import { toErrorResponse } from '../errors.ts';
import type { FormAssets } from '../form/index.ts';
import { assetIntegrity } from '../form/integrity.ts';
import { loadStaticFiles } from '../form/static-files.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { gatewayOrigin } from '../gateway-origin.ts';
import { simulatedAcs } from './acs.ts';
import type { CompletionRoutes } from './completion.ts';
import { relayContent } from './content.ts';
import { originsOf, threeDSPageHeaders, type PagePolicy } from './headers.ts';
import { THREEDS_PAGES, pageTemplate, type PageTemplate, type ThreeDSPage } from './pages.ts';
import { THREEDS_PATHS } from './paths.ts';

export interface ThreeDSPagesOptions extends GatewayContext {
  assets: FormAssets;
  /** How each API face ends the browser steps, by the kind of its face data. */
  completions: CompletionRoutes;
  /** Serve the simulated issuers' pages (only with the simulated 3DS Server). */
  simulatedAcs: boolean;
}

/** What a 3-D Secure page route needs to answer. */
export interface PageKit {
  render(
    reply: FastifyReply,
    page: ThreeDSPage,
    parts: { config?: unknown; content?: string },
    policy: PagePolicy,
  ): FastifyReply;
  /** Who may frame pages of this authentication: its merchant's registered origins. */
  ancestors(record: AuthenticationRecord): string[];
  /** The gateway's own origin, as browsers reach it. */
  origin(request: FastifyRequest): string;
}

const StartBody = z.object({
  browser: z.object({
    acceptHeader: z.string().max(2048),
    javaEnabled: z.boolean(),
    language: z.string().max(35),
    colorDepth: z.int().min(0).max(64),
    screenHeight: z.int().min(0).max(100_000),
    screenWidth: z.int().min(0).max(100_000),
    timezoneOffset: z.int().min(-900).max(900),
  }),
  parentOrigin: z.string().max(256).optional(),
});

/**
 * The gateway's 3-D Secure pages: the interceptor (`_links.redirect` of a session) and its two calls, the
 * notifications the issuer's pages post back to, the completion page, and (with the simulator) the
 * simulated issuers' own pages. Every page has a strict CSP and may be framed only by the merchant's
 * registered origins; none shows more of the card than its last four digits.
 */
export const threeDSPagesApi: FastifyPluginAsync<ThreeDSPagesOptions> = async (app, options) => {
  const { authentications, merchants, completions } = options;
  const files = loadStaticFiles(options.assets.framesDir, 'The frames build (apps/frames/dist)');
  const integrity = assetIntegrity(files);
  const templates = new Map<ThreeDSPage, PageTemplate>(
    THREEDS_PAGES.map((page) => {
      const file = files.get(page);
      if (!file) throw new Error(`${page} not found in ${options.assets.framesDir}: run "pnpm build" first`);
      return [page, pageTemplate(file, integrity)];
    }),
  );
  const kit: PageKit = {
    render: (reply, page, parts, policy) =>
      reply
        .headers(threeDSPageHeaders(policy))
        .type('text/html; charset=utf-8')
        .send(templates.get(page)!(parts)),
    ancestors: (record) => [...(merchants.get(record.merchantId)?.allowedOrigins ?? [])],
    origin: (request) => gatewayOrigin(request, options.publicOrigin),
  };
  installFormParser(app);
  installPageErrors(app, kit);

  const urls = (request: FastifyRequest): NotificationUrls => ({
    method: `${kit.origin(request)}${THREEDS_PATHS.methodNotification}`,
    challenge: `${kit.origin(request)}${THREEDS_PATHS.challengeNotification}`,
  });
  const forBrowser = (id: string) => {
    if (!AUTHENTICATION_ID_PATTERN.test(id)) throw new ThreeDSError('not_found');
    return authentications.forBrowser(id);
  };

  app.get<{ Params: { id: string } }>('/3ds/interceptor/:id', async (request, reply) => {
    const record = await forBrowser(request.params.id);
    const config: InterceptorConfig = {
      startUrl: THREEDS_PATHS.start(record.id),
      continueUrl: THREEDS_PATHS.continue(record.id),
      acceptHeader: (request.headers.accept ?? '*/*').slice(0, 2048),
      allowedOrigins: kit.ancestors(record),
    };
    const method = record.directory?.methodUrl;
    return kit.render(
      reply,
      'threeds-interceptor.html',
      { config },
      {
        script: true,
        frames: originsOf(method),
        forms: originsOf(method, record.challenge?.acsUrl),
        ancestors: kit.ancestors(record),
      },
    );
  });

  app.post<{ Params: { id: string } }>(
    '/3ds/interceptor/:id/start',
    { config: { json: true } },
    async (request) => {
      const record = await forBrowser(request.params.id);
      const parsed = StartBody.safeParse(request.body);
      if (!parsed.success) throw new InvalidRequestError('The browser data is not valid.');
      const { browser, parentOrigin } = parsed.data;
      const merchant = merchants.get(record.merchantId);
      const framing =
        parentOrigin && merchant && isAllowedOrigin(merchant, parentOrigin) ? parentOrigin : undefined;
      const step = await authentications.start(
        record.id,
        {
          ...browser,
          userAgent: (request.headers['user-agent'] ?? '').slice(0, 2048),
          ipAddress: request.ip,
          javascriptEnabled: true,
        },
        urls(request),
        framing,
      );
      return interceptorStep(step);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/3ds/interceptor/:id/continue',
    { config: { json: true } },
    async (request) => {
      const record = await forBrowser(request.params.id);
      return interceptorStep(await authentications.continue(record.id, urls(request)));
    },
  );

  app.get<{ Params: { id: string } }>('/3ds/interceptor/:id/complete', async (request, reply) => {
    const record = await forBrowser(request.params.id);
    if (!isFinal(record.status)) return reply.redirect(THREEDS_PATHS.interceptor(record.id), 303);
    return renderCompletion(kit, reply, record, completions);
  });

  // The issuer's 3DS Method frame reports back here: the interceptor is told, at the gateway's own origin.
  app.post<{ Body: Record<string, string> }>(THREEDS_PATHS.methodNotification, async (request, reply) => {
    const data = decodeMethodData(request.body?.threeDSMethodData);
    if (!data) throw new ThreeDSError('not_found');
    const record = await authentications.byTransactionId(data.threeDSServerTransID);
    await authentications.completeMethod(record.transactionId);
    const config: RelayConfig = {
      action: 'message',
      targetOrigin: kit.origin(request),
      message: { type: METHOD_COMPLETE_MESSAGE },
    };
    return kit.render(
      reply,
      'threeds-relay.html',
      { config, content: relayContent('Device check', 'Done.') },
      {
        script: true,
        ancestors: ["'self'", ...kit.ancestors(record)],
      },
    );
  });

  // The issuer's challenge ends here (its CRes). The result itself came from the issuer, never from the browser.
  app.post<{ Body: Record<string, string> }>(THREEDS_PATHS.challengeNotification, async (request, reply) => {
    const cres = decodeChallengeResponse(request.body?.cres);
    if (!cres) throw new ThreeDSError('not_found');
    const record = await authentications.challenged(cres.threeDSServerTransID, cres.acsTransID);
    return reply.redirect(THREEDS_PATHS.complete(record.id), 303);
  });

  app.get<{ Params: { '*': string } }>(`${THREEDS_PATHS.assets}/*`, async (request, reply) => {
    const file = files.get(`assets/${request.params['*']}`);
    if (!file) throw new InvalidRequestError('No such resource.', 404);
    // Hashed file names: a new build is a new URL.
    return reply
      .headers({
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      })
      .type(file.contentType)
      .send(file.body);
  });

  if (options.simulatedAcs) simulatedAcs(app, { authentications, merchants, kit });
};

function interceptorStep(step: BrowserStep): InterceptorStep {
  if (step.kind === 'complete') return { kind: 'complete', url: THREEDS_PATHS.complete(step.record.id) };
  return step;
}

function renderCompletion(
  kit: PageKit,
  reply: FastifyReply,
  record: AuthenticationRecord,
  completions: CompletionRoutes,
): FastifyReply {
  const completion = completions[record.face.kind]?.(record) ?? { kind: 'page' as const };
  const verified = SUCCESSFUL_STATUSES.includes(record.status);
  const title = verified ? 'Payment verified' : 'Payment not verified';
  const policy = { script: true, ancestors: kit.ancestors(record) };
  if (completion.kind === 'redirect') {
    const content = relayContent(title, 'Taking you back to the shop…', {
      href: completion.url,
      label: 'Back to the shop',
    });
    return kit.render(
      reply,
      'threeds-relay.html',
      { config: { action: 'redirect', url: completion.url }, content },
      policy,
    );
  }
  if (completion.kind === 'message') {
    const { targetOrigin, message } = completion;
    const content = relayContent(title, 'You can continue on the shop’s page.');
    return kit.render(
      reply,
      'threeds-relay.html',
      { config: { action: 'message', targetOrigin, message }, content },
      policy,
    );
  }
  return kit.render(
    reply,
    'threeds-relay.html',
    { content: relayContent(title, 'You can close this window.') },
    policy,
  );
}

/** The issuer's pages post EMV 3DS messages as HTML forms. */
function installFormParser(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      const fields: Record<string, string> = {};
      for (const [name, value] of new URLSearchParams(String(body))) fields[name] = value;
      done(null, fields);
    },
  );
}

/** Pages answer errors with a page; the interceptor's calls with Mastercard's error body. */
function installPageErrors(app: FastifyInstance, kit: PageKit): void {
  app.setErrorHandler((error: Error, request, reply) => {
    const { status, body } = toErrorResponse(error as GatewayError);
    if ((request.routeOptions.config as { json?: boolean }).json) return reply.status(status).send(body);
    if (status >= 500) request.log.error({ type: error.name }, '3-D Secure page failed');
    const content = relayContent(
      status >= 500 ? 'Something went wrong' : 'This link does not work',
      status >= 500
        ? 'We could not reach your bank just now. Go back to the shop and try again; you have not been charged.'
        : 'This payment verification is not valid or has expired. Go back to the shop and try again.',
    );
    return kit.render(
      reply.status(status),
      'threeds-relay.html',
      { content },
      { script: true, ancestors: [] },
    );
  });
}
