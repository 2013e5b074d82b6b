/** The gateway's own 3-D Secure browser pages (the issuer's simulated pages are in SIMULATED_ACS_PATHS). */
export const THREEDS_PATHS = Object.freeze({
  interceptor: (id: string) => `/3ds/interceptor/${id}`,
  start: (id: string) => `/3ds/interceptor/${id}/start`,
  continue: (id: string) => `/3ds/interceptor/${id}/continue`,
  complete: (id: string) => `/3ds/interceptor/${id}/complete`,
  methodNotification: '/3ds/method-notification',
  challengeNotification: '/3ds/challenge-notification',
  assets: '/3ds/assets',
});
