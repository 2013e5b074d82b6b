import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isReturnUrl, type MerchantRegistry } from '../../domain/merchants.ts';
import {
  decodeChallengeRequest,
  decodeMethodData,
  decodePayerAuthenticationRequest,
  encodeChallengeResponse,
  encodePayerAuthenticationResponse,
  ThreeDSError,
  type AuthenticationRecord,
  type AuthenticationService,
} from '../../domain/threeds/index.ts';
import { SIMULATED_ACS_PATHS, type BrowserData } from '../../threeds-server/index.ts';
import { challengeContent, postBackContent, relayContent } from './content.ts';
import { originsOf } from './headers.ts';
import type { PageKit } from './index.ts';
import { THREEDS_PATHS } from './paths.ts';

type Form = Record<string, string | undefined>;

/**
 * The simulated issuers' pages, served by the gateway as a stand-in for each issuer's ACS: the 3DS Method
 * page (device data, then back to the 3DS Server's notification URL), one that never reports back, and the
 * challenge screen. Answers go to the engine through the simulator, as a real ACS's RReq would.
 */
export function simulatedAcs(
  app: FastifyInstance,
  {
    authentications,
    merchants,
    kit,
  }: { authentications: AuthenticationService; merchants: MerchantRegistry; kit: PageKit },
): void {
  app.post<{ Body: Form }>(SIMULATED_ACS_PATHS.method, async (request, reply) => {
    const { record, data } = await methodCall(authentications, request.body);
    // Only the gateway's own notification URL: the simulated issuer posts nowhere else.
    const notification = `${kit.origin(request)}${THREEDS_PATHS.methodNotification}`;
    if (data.threeDSMethodNotificationURL !== notification) throw new ThreeDSError('not_found');
    const content = postBackContent(
      notification,
      { threeDSMethodData: request.body!.threeDSMethodData! },
      'Checking your device…',
    );
    return kit.render(
      reply,
      'threeds-relay.html',
      { config: { action: 'submit' }, content },
      {
        script: true,
        ancestors: ["'self'", ...kit.ancestors(record)],
      },
    );
  });

  // An issuer whose 3DS Method never reports back: the authentication expires at its deadline.
  app.post<{ Body: Form }>(SIMULATED_ACS_PATHS.silentMethod, async (request, reply) => {
    const { record } = await methodCall(authentications, request.body);
    return kit.render(
      reply,
      'threeds-relay.html',
      { content: relayContent('Checking your device…', '') },
      {
        script: true,
        ancestors: ["'self'", ...kit.ancestors(record)],
      },
    );
  });

  // 3-D Secure 1: the browser brings the PAReq, and the merchant's TermUrl the PARes goes back to (only one of
  // the merchant's registered origins). The issuer sees the browser now: it answers at once, or challenges.
  app.post<{ Body: Form }>(SIMULATED_ACS_PATHS.payerAuthentication, async (request, reply) => {
    const form = request.body ?? {};
    const pareq = decodePayerAuthenticationRequest(form.PaReq);
    if (!pareq) throw new ThreeDSError('not_found');
    const record = await authentications.byTransactionId(pareq.threeDSServerTransID);
    const merchant = merchants.get(record.merchantId);
    const termUrl = form.TermUrl;
    if (record.protocolVersion !== '1.0.2' || !merchant || !termUrl || !isReturnUrl(termUrl, merchant)) {
      throw new ThreeDSError('not_found');
    }
    const step = await authentications.start(record.id, threeDS1Browser(request), {
      method: termUrl,
      challenge: termUrl,
    });
    if (step.kind === 'complete') return payerAuthenticationResponse(kit, reply, step.record, termUrl);
    if (step.kind !== 'challenge') throw new ThreeDSError('step_not_allowed');
    const content = challengeContent({
      record: await authentications.forBrowser(record.id),
      creq: step.creq,
      acsUrl: SIMULATED_ACS_PATHS.challenge,
    });
    return kit.render(
      reply,
      'threeds-challenge.html',
      { content },
      { script: false, ancestors: kit.ancestors(record) },
    );
  });

  app.post<{ Body: Form }>(SIMULATED_ACS_PATHS.challenge, async (request, reply) => {
    const form = request.body ?? {};
    const creq = decodeChallengeRequest(form.creq);
    if (!creq) throw new ThreeDSError('not_found');
    let record = await authentications.challenged(creq.threeDSServerTransID, creq.acsTransID);
    let attemptsLeft: number | undefined;
    if (form.action === 'cancel' || form.action === 'verify') {
      const step = await authentications.answerChallenge(
        creq.threeDSServerTransID,
        creq.acsTransID,
        form.action === 'cancel'
          ? { kind: 'cancel' }
          : { kind: 'code', code: form.code ?? '', trustMerchant: form.trust === 'yes' },
      );
      record = step.record;
      if (step.kind === 'retry') attemptsLeft = step.attemptsLeft;
    }
    if (record.status !== 'challenged') return challengeResponse(kit, reply, record);
    const content = challengeContent({
      record,
      creq: form.creq!,
      acsUrl: SIMULATED_ACS_PATHS.challenge,
      attemptsLeft,
    });
    return kit.render(
      reply,
      'threeds-challenge.html',
      { content },
      { script: false, ancestors: kit.ancestors(record) },
    );
  });
}

async function methodCall(authentications: AuthenticationService, form: Form | undefined) {
  const data = decodeMethodData(form?.threeDSMethodData);
  if (!data) throw new ThreeDSError('not_found');
  return { data, record: await authentications.byTransactionId(data.threeDSServerTransID) };
}

/** The challenge is over: the browser goes back to the 3DS Server's notification URL with the CRes. */
function challengeResponse(
  kit: PageKit,
  reply: Parameters<PageKit['render']>[0],
  record: AuthenticationRecord,
) {
  const challenge = record.challenge!;
  if (record.protocolVersion === '1.0.2') {
    return payerAuthenticationResponse(kit, reply, record, challenge.notificationUrl);
  }
  const cres = encodeChallengeResponse(
    { transactionId: record.transactionId, acsTransactionId: challenge.acsTransactionId },
    record.protocolVersion ?? '2.2.0',
    record.result?.transStatus ?? 'U',
  );
  const content = postBackContent(challenge.notificationUrl, { cres }, 'Returning you to the shop…');
  return kit.render(
    reply,
    'threeds-relay.html',
    { config: { action: 'submit' }, content },
    {
      script: true,
      forms: originsOf(challenge.notificationUrl),
      ancestors: kit.ancestors(record),
    },
  );
}

/**
 * 3-D Secure 1's end: the PARes and the merchant data (MD: the merchant's 3DSecureId) posted to the merchant's
 * TermUrl. The PARes names the authentication only; the merchant's server has the gateway read the result.
 */
function payerAuthenticationResponse(
  kit: PageKit,
  reply: Parameters<PageKit['render']>[0],
  record: AuthenticationRecord,
  termUrl: string,
) {
  const paRes = encodePayerAuthenticationResponse({
    transactionId: record.transactionId,
    ...(record.challenge ? { acsTransactionId: record.challenge.acsTransactionId } : {}),
  });
  const content = postBackContent(
    termUrl,
    { PaRes: paRes, MD: record.threeDSecureId ?? '' },
    'Returning you to the shop…',
  );
  return kit.render(
    reply,
    'threeds-relay.html',
    { config: { action: 'submit' }, content },
    { script: true, forms: originsOf(termUrl), ancestors: kit.ancestors(record) },
  );
}

/**
 * What a 3-D Secure 1 issuer knows of the browser: the PAReq carries its Accept header and User-Agent, the
 * request its address; EMV 3DS's screen and time zone data did not exist yet.
 */
function threeDS1Browser(request: FastifyRequest): BrowserData {
  const language = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*/.exec(request.headers['accept-language'] ?? '');
  return {
    acceptHeader: (request.headers.accept ?? '*/*').slice(0, 2048),
    userAgent: (request.headers['user-agent'] ?? '').slice(0, 2048),
    ipAddress: request.ip,
    javaEnabled: false,
    javascriptEnabled: false,
    language: (language?.[0] ?? 'en').slice(0, 35),
    colorDepth: 0,
    screenHeight: 0,
    screenWidth: 0,
    timezoneOffset: 0,
  };
}
