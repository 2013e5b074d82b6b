/**
 * The contracts between a page and the gateway's card frames: roles, field state and events (never a value),
 * styles, locales, and the answers of `updateSessionFromForm` and `validate`.
 *
 * @module @hosted-session/protocol
 */
export * from './roles.ts';
export * from './locale.ts';
export * from './field-state.ts';
export * from './styles.ts';
export * from './form-session-update.ts';
export * from './page-frame.ts';
export * from './browser-api.ts';
export * from './frame-url.ts';
export * from './frame-config.ts';
export * from './origin.ts';
export * from './threeds-pages.ts';
