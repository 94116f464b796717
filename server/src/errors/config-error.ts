import { AppError } from './app-error.ts';

/** A configuration that will not parse: startup stops with this message. */
export class ConfigError extends AppError {
  readonly code = 'CONFIG_INVALID';
  override readonly name = 'ConfigError';
}
