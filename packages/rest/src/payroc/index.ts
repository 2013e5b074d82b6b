/** The Payroc-shaped API face: identity and hosted-fields session tokens (apps/gateway/src/api/payroc). */

/** `POST /identity/authorize` with `x-api-key`: a short-lived Bearer token for the `/v1` API. */
export interface AccessTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  /** Seconds. */
  expires_in: number;
}

/** `POST /v1/processing-terminals/{processingTerminalId}/hosted-fields-sessions`, 201. */
export interface HostedFieldsSessionResponse {
  processingTerminalId: string;
  /** The session token for one page load of the fields; it is also the gateway session id PAY names. */
  token: string;
  /** ISO 8601, ten minutes after creation. */
  expiresAt: string;
}

/** One problem with one parameter of the request (a header, a path parameter or a body field). */
export interface ProblemParameterError {
  parameter: string;
  detail: string;
  message: string;
}

/** RFC 7807 `application/problem+json`, every failure of the face. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: ProblemParameterError[];
}

/** A processing terminal's id: 4–50 characters (letters, digits, `.`, `_`, `-`: it travels in a URL path). */
export const PROCESSING_TERMINAL_ID_PATTERN = /^[A-Za-z0-9._-]{4,50}$/;
