import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import {
  FRAME_CONFIG_MARKER,
  frameConfigScript,
  framePagePath,
  isOriginAllowed,
  sessionScriptPath,
  type ConfigurationCheck,
  type FrameConfig,
  type IntegrityManifest,
} from '@hosted-session/protocol';
import { InvalidRequestError } from '../../domain/errors.ts';
import type { Merchant } from '../../domain/merchants.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { checkPath, type PathParams } from '../request-context.ts';
import { framePageHeaders } from './frame-headers.ts';
import { assetIntegrity, contentHash, integrityOf, withIntegrity } from './integrity.ts';
import { loadStaticFiles, type StaticFile } from './static-files.ts';

/** Where the built browser code lives: the frames' Vite output and the SDK's `session.js` and ThreeDS script. */
export interface FormAssets {
  framesDir: string;
  sdkDir: string;
}

const BASE = '/form/version/:version/merchant/:merchantId';
/** Where Mastercard's checkout pages load the ThreeDS script from; one file for every merchant. */
export const THREE_DS_SCRIPT_PATH = '/static/threeDS/1.3.0/three-ds.min.js';
const FRAME_PAGES = ['field.html', 'hub.html'] as const;

/** Cross-site script, as a page loads it with `<script src>` (and `crossorigin` for Subresource Integrity). */
const SCRIPT_HEADERS = {
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * What a merchant page loads from the gateway: `session.js`, the ThreeDS script and the frame pages. Everything is read into
 * memory at start-up; the frame pages get the merchant's configuration and a CSP bound to its origins.
 * `session.js` is also served under its content hash (immutable, for Subresource Integrity), and
 * `integrity.json` publishes that URL and the hashes of everything the frames load.
 */
export const formApi: FastifyPluginAsync<GatewayContext & { assets: FormAssets }> = async (
  app,
  { merchants, assets },
) => {
  const frames = loadStaticFiles(assets.framesDir, 'The frames build (apps/frames/dist)');
  const sdk = loadStaticFiles(assets.sdkDir, 'The SDK build (packages/sdk/dist)');
  const script = required(sdk, 'session.js', assets.sdkDir);
  const threeDSScript = required(sdk, 'three-ds.min.js', assets.sdkDir);
  const declarations = required(sdk, 'session.d.ts', assets.sdkDir);
  const scriptHash = contentHash(script.body);
  const scriptIntegrity = integrityOf(script.body);
  const threeDSScriptIntegrity = integrityOf(threeDSScript.body);
  const integrity = assetIntegrity(frames);
  const pages = new Map(
    FRAME_PAGES.map((page) => [
      page,
      framePage(withIntegrity(required(frames, page, assets.framesDir), integrity)),
    ]),
  );

  const merchantOf = (params: PathParams): { merchant: Merchant; version: string } => {
    const { version, merchantId } = checkPath(params);
    const merchant = merchants.get(merchantId);
    if (!merchant) throw new InvalidRequestError('No such merchant.', 404);
    return { merchant, version };
  };

  // One file for every merchant and version: the script reads both from its own URL, so it can carry SRI.
  app.get<{ Params: PathParams }>(`${BASE}/session.js`, async (request, reply) => {
    merchantOf(request.params);
    return sendFile(reply, script, { ...SCRIPT_HEADERS, 'cache-control': 'public, max-age=300' });
  });

  // The ThreeDS script reads the gateway from its own URL and is configured by the page with the merchant.
  app.get(THREE_DS_SCRIPT_PATH, async (_request, reply) =>
    sendFile(reply, threeDSScript, { ...SCRIPT_HEADERS, 'cache-control': 'public, max-age=300' }),
  );

  // The same bytes under their hash: a new build is a new URL, so this one never changes. Beside it, the
  // TypeScript declarations of window.PaymentSession, for pages that type their script.
  app.get<{ Params: PathParams & { file: string } }>(`${BASE}/:file`, async (request, reply) => {
    merchantOf(request.params);
    if (request.params.file === 'session.d.ts')
      return sendFile(reply, declarations, { ...SCRIPT_HEADERS, 'cache-control': 'public, max-age=300' });
    if (request.params.file !== `session-${scriptHash}.js`)
      throw new InvalidRequestError('No such resource.', 404);
    return sendFile(reply, script, { ...SCRIPT_HEADERS, 'cache-control': IMMUTABLE });
  });

  // Whether this merchant exists and registered the asking page's origin: the SDK asks while its frames load,
  // so a wrong merchant or an unregistered origin fails in seconds. Nothing beyond what session.js and the
  // frame pages already tell about the merchant named in the path.
  app.get<{ Params: PathParams }>(`${BASE}/check`, async (request, reply) => {
    const { merchantId } = checkPath(request.params);
    const merchant = merchants.get(merchantId);
    const origin = request.headers.origin;
    const answer: ConfigurationCheck = {
      status: !merchant
        ? 'unknown_merchant'
        : typeof origin === 'string' && isOriginAllowed(merchant.allowedOrigins, origin)
          ? 'ok'
          : 'origin_not_allowed',
    };
    return reply.headers({ ...SCRIPT_HEADERS, 'cache-control': 'no-store' }).send(answer);
  });

  app.get<{ Params: PathParams }>(`${BASE}/integrity.json`, async (request, reply) => {
    const { merchant, version } = merchantOf(request.params);
    const framesBase = framePagePath(version, merchant.id, 'field').replace(/field\.html$/, '');
    const manifest: IntegrityManifest = {
      sessionJs: { path: sessionScriptPath(version, merchant.id, scriptHash), integrity: scriptIntegrity },
      threeDSJs: { path: THREE_DS_SCRIPT_PATH, integrity: threeDSScriptIntegrity },
      frameAssets: [...integrity].map(([name, value]) => ({ path: framesBase + name, integrity: value })),
    };
    // Short-lived: after an upgrade the merchant's server must see the new build's URL at once.
    return reply.headers({ ...SCRIPT_HEADERS, 'cache-control': 'no-cache' }).send(manifest);
  });

  app.get<{ Params: PathParams & { page: string } }>(`${BASE}/frames/:page`, async (request, reply) => {
    const { merchant, version } = merchantOf(request.params);
    const render = pages.get(request.params.page as (typeof FRAME_PAGES)[number]);
    if (!render) throw new InvalidRequestError('No such resource.', 404);
    const config: FrameConfig = {
      merchantId: merchant.id,
      apiVersion: version,
      allowedOrigins: [...merchant.allowedOrigins],
      supportedBrands: [...merchant.supportedBrands],
      cscRequired: merchant.cscRequired,
    };
    return reply
      .headers(framePageHeaders(merchant.allowedOrigins))
      .type('text/html; charset=utf-8')
      .send(render(config));
  });

  app.get<{ Params: PathParams & { '*': string } }>(`${BASE}/frames/assets/*`, async (request, reply) => {
    merchantOf(request.params);
    const file = frames.get(`assets/${request.params['*']}`);
    if (!file) throw new InvalidRequestError('No such resource.', 404);
    // Hashed file names: a new build is a new URL.
    return sendFile(reply, file, { 'cache-control': IMMUTABLE });
  });
};

function required(files: Map<string, StaticFile>, name: string, dir: string): StaticFile {
  const file = files.get(name);
  if (!file) throw new Error(`${name} not found in ${dir}: run "pnpm build" first`);
  return file;
}

/** Splits the page at its config marker once, so each request only joins three strings. */
function framePage(html: string): (config: FrameConfig) => string {
  const at = html.indexOf(FRAME_CONFIG_MARKER);
  if (at < 0) throw new Error(`A frame page lacks the ${FRAME_CONFIG_MARKER} marker`);
  const before = html.slice(0, at);
  const after = html.slice(at + FRAME_CONFIG_MARKER.length);
  return (config) => before + frameConfigScript(config) + after;
}

function sendFile(reply: FastifyReply, file: StaticFile, headers: Record<string, string>): FastifyReply {
  return reply.headers(headers).type(file.contentType).send(file.body);
}
