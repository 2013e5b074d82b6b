/**
 * Hosted fields started from a session token (the Payroc-shaped `POST /v1/processing-terminals/{id}/
 * hosted-fields-sessions`) rather than a Mastercard session id. The merchant's server names the library
 * version its page loads; the frames refuse a page whose library is another version.
 */

/** The library version of this build of the SDK and frames, in the form the token request takes. */
export const HOSTED_FIELDS_LIB_VERSION = '1.0.0.1';

/** Dot-separated numbers, optionally `-beta` before the build number: `1.6.0.172441`, `1.7.0-beta.2`. */
export const LIB_VERSION_PATTERN = /^\d{1,2}\.\d{1,2}\.\d{1,2}(?:-beta)?\.\d+$/;

/** `payment`: the page's card pays at once; `tokenization`: it is saved (or a saved card updated) to pay later. */
export const HOSTED_FIELDS_SCENARIOS = ['payment', 'tokenization'] as const;
export type HostedFieldsScenario = (typeof HOSTED_FIELDS_SCENARIOS)[number];
