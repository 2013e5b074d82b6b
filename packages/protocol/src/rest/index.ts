export * from './error.ts';
export * from './session.ts';
