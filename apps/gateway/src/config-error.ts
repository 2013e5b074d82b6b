/** A configuration the gateway refuses to start with; the message names the variable, never a secret. */
export class ConfigError extends Error {}
