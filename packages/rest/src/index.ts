export * from './error.ts';
export * from './session.ts';
export * from './transaction.ts';
export * from './request-fields.ts';
export * from './authentication.ts';
