import {
  callOperation,
  challengeOf,
  deviceOf,
  mergeRequest,
  runMethod,
  showChallenge,
  type AuthenticationTarget,
  type RestAnswer,
} from './payer-authentication.ts';

type Callback = (data: ThreeDSData) => void;

/** What the callbacks receive, as Mastercard's ThreeDS script gives it. */
export interface ThreeDSData {
  error?: { code: string; msg: string; result?: string; status?: number; field?: string };
  restApiResponse?: unknown;
  correlationId?: string;
  gatewayRecommendation?: string;
  authenticationVersion?: string;
  authenticationStatus?: string;
  orderId?: string;
  transactionId?: string;
}

export interface ThreeDSConfig {
  merchantId: string;
  sessionId: string;
  containerId: string;
  callback?: Callback;
  configuration?: { userLanguage?: string; wsVersion?: number | string };
}

export interface ThreeDS {
  configure(config: ThreeDSConfig): void;
  isConfigured(): boolean;
  initiateAuthentication(
    orderId: string,
    transactionId: string,
    callback: Callback,
    optionalParams?: object,
  ): void;
  authenticatePayer(
    orderId: string,
    transactionId: string,
    callback: Callback,
    optionalParams?: object,
  ): void;
}

const DEFAULT_VERSION = '100';
const ID = /^[0-9A-Za-z_.:-]{1,40}$/;

function failure(code: string, msg: string): ThreeDSData {
  return { error: { code, msg } };
}

/**
 * Mastercard's ThreeDS object over the gateway that served the script. Both operations run from the page
 * with the session id; the callback gets the gateway's answer and its recommendation. A challenge is shown
 * in the merchant's container (a gateway-origin frame), and the callback waits for its end.
 */
export function createThreeDS(win: Window, gatewayOrigin: string | undefined): ThreeDS {
  let settings: { target: AuthenticationTarget; container: string; language?: string } | undefined;

  function data(answer: RestAnswer, ids: { orderId: string; transactionId: string }): ThreeDSData {
    const { status, body } = answer;
    if (status >= 400 || body.result === 'ERROR') {
      return {
        error: {
          code: body.error?.cause ?? 'SERVER_FAILED',
          msg: body.error?.explanation ?? 'The gateway did not answer.',
          ...(body.result ? { result: body.result } : {}),
          status,
          ...(body.error?.field ? { field: body.error.field } : {}),
        },
        ...ids,
      };
    }
    return {
      restApiResponse: body,
      ...(body.correlationId ? { correlationId: body.correlationId } : {}),
      gatewayRecommendation: body.response?.gatewayRecommendation,
      authenticationVersion: body.authentication?.version,
      authenticationStatus: body.transaction?.authenticationStatus,
      ...ids,
    };
  }

  /** The configured container, or the callback is told why not. */
  function prepare(callback: unknown, orderId: unknown, transactionId: unknown) {
    if (typeof callback !== 'function') throw new TypeError('ThreeDS: a callback function is required.');
    const done = callback as Callback;
    if (!settings) return void done(failure('NOT_CONFIGURED', 'Call ThreeDS.configure first.'));
    if (
      typeof orderId !== 'string' ||
      !ID.test(orderId) ||
      typeof transactionId !== 'string' ||
      !ID.test(transactionId)
    ) {
      return void done(
        failure('INVALID_ARGUMENTS', 'orderId and transactionId must be 1–40 letters, digits or _.:-'),
      );
    }
    const container = win.document.getElementById(settings.container);
    if (!container)
      return void done(failure('INVALID_CONFIGURATION', 'The container element is not on the page.'));
    return { done, container, settings, ids: { orderId, transactionId } };
  }

  async function run(
    job: NonNullable<ReturnType<typeof prepare>>,
    step: (target: AuthenticationTarget, container: HTMLElement) => Promise<ThreeDSData>,
  ): Promise<void> {
    let result: ThreeDSData;
    try {
      result = await step(job.settings.target, job.container);
    } catch {
      result = { ...failure('SERVER_FAILED', 'The gateway could not be reached.'), ...job.ids };
    }
    job.done(result);
  }

  return {
    configure(config) {
      const callback = typeof config?.callback === 'function' ? config.callback : undefined;
      const { merchantId, sessionId, containerId } = config ?? ({} as ThreeDSConfig);
      const version = String(config?.configuration?.wsVersion ?? DEFAULT_VERSION);
      const invalid = !gatewayOrigin
        ? 'The script must be loaded from the gateway.'
        : typeof merchantId !== 'string' || !merchantId
          ? 'merchantId is required.'
          : typeof sessionId !== 'string' || !/^SESSION[0-9A-Za-z]{24,28}$/.test(sessionId)
            ? 'sessionId must be a session id.'
            : typeof containerId !== 'string' || !win.document.getElementById(containerId)
              ? 'containerId must name an element on the page.'
              : !/^\d{1,3}$/.test(version)
                ? 'configuration.wsVersion must be an API version.'
                : undefined;
      if (invalid) {
        settings = undefined;
        callback?.(failure('INVALID_CONFIGURATION', invalid));
        return;
      }
      settings = {
        target: { gatewayOrigin: gatewayOrigin!, apiVersion: version, merchantId, sessionId },
        container: containerId,
        ...(config.configuration?.userLanguage ? { language: config.configuration.userLanguage } : {}),
      };
      callback?.({});
    },

    isConfigured: () => settings !== undefined,

    initiateAuthentication(orderId, transactionId, callback, optionalParams) {
      const job = prepare(callback, orderId, transactionId);
      if (!job) return;
      void run(job, async (target, container) => {
        const request = mergeRequest(
          { authentication: { channel: 'PAYER_BROWSER', purpose: 'PAYMENT_TRANSACTION' } },
          optionalParams,
        );
        const answer = await callOperation(target, orderId, transactionId, {
          ...request,
          apiOperation: 'INITIATE_AUTHENTICATION',
        });
        if (answer.status < 400) runMethod(container, answer.body, target.gatewayOrigin);
        return data(answer, job.ids);
      });
    },

    authenticatePayer(orderId, transactionId, callback, optionalParams) {
      const job = prepare(callback, orderId, transactionId);
      if (!job) return;
      void run(job, async (target, container) => {
        const request = {
          ...mergeRequest({ device: deviceOf(win, job.settings.language) }, optionalParams),
          apiOperation: 'AUTHENTICATE_PAYER',
        };
        const answer = await callOperation(target, orderId, transactionId, request);
        const challenge = answer.status < 400 ? challengeOf(answer.body, target.gatewayOrigin) : undefined;
        if (!challenge) return data(answer, job.ids);
        const { frame, done } = showChallenge(container, challenge, target.gatewayOrigin);
        await done;
        frame.remove();
        // The result, from the gateway: the page's messages only say when to ask.
        return data(await callOperation(target, orderId, transactionId, request), job.ids);
      });
    },
  };
}
