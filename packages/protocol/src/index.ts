export * from './roles.ts';
export * from './locale.ts';
export * from './field-state.ts';
export * from './styles.ts';
export * from './form-session-update.ts';
export * from './page-frame.ts';
export * from './browser-api.ts';
export * from './frame-url.ts';
