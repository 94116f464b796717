import type { EnvSource } from './setting.ts';

/** The process's environment: the one place `process.env` is read (CONVENTIONS §15). */
export const processEnvironment = (): EnvSource => process.env;
