/**
 * The contract between the gateway and its 3-D Secure browser pages (apps/frames, `threeds-*.html`): the
 * configuration the gateway writes into each page as a non-executable JSON block (the marker is
 * FRAME_CONFIG_MARKER), the interceptor's calls, and the messages the pages post. Nothing here carries card
 * data.
 */
export const THREEDS_CONFIG_ELEMENT_ID = 'hs-3ds';

/** The interceptor: it starts the authentication with the browser's data and follows the steps. */
export interface InterceptorConfig {
  startUrl: string;
  continueUrl: string;
  /** The browser's Accept header of the page load, which a script cannot read itself. */
  acceptHeader: string;
  /** Origin patterns of the merchant, for the page that frames the interceptor (non-hosted). */
  allowedOrigins: string[];
}

/** What the interceptor sends to start: the browser data EMV 3DS asks for, and the framing page if any. */
export interface InterceptorStart {
  browser: {
    acceptHeader: string;
    javaEnabled: boolean;
    language: string;
    colorDepth: number;
    screenHeight: number;
    screenWidth: number;
    timezoneOffset: number;
  };
  parentOrigin?: string;
}

/** Each answer of the start and continue calls. */
export type InterceptorStep =
  /** Run the issuer's 3DS Method in a hidden frame, then continue (at the latest after `waitMs`). */
  | { kind: 'method'; url: string; threeDSMethodData: string; waitMs: number }
  /** Ask again after `waitMs`. */
  | { kind: 'wait'; waitMs: number }
  /** Post the CReq to the issuer's challenge page, in this window. */
  | { kind: 'challenge'; acsUrl: string; creq: string }
  /** The authentication is over: go to the completion page. */
  | { kind: 'complete'; url: string };

/** A relay page does one thing once loaded. */
export type RelayConfig =
  /** Submit the page's form (an issuer's page posting back to the gateway). */
  | { action: 'submit' }
  /** Go back to the merchant's site. */
  | { action: 'redirect'; url: string }
  /** Tell the framing window, at its exact origin. */
  | { action: 'message'; targetOrigin: string; message: { [field: string]: string | boolean } };

/** The 3DS Method frame's message to the interceptor that the issuer has the device data. */
export const METHOD_COMPLETE_MESSAGE = 'hosted-session:3ds-method-complete';
