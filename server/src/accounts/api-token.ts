import { createHash, randomBytes } from 'node:crypto';

/** What every Gamma API token starts with, so a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = 'gma_';

const TOKEN_BYTES = 32;
const TOKEN_RE = /^gma_[A-Za-z0-9_-]{43}$/;

/** A new API token: the prefix and 32 random bytes, base64url (47 characters). */
export const newApiToken = (): string =>
  `${API_TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString('base64url')}`;

/** Whether a text has the form of an API token (checked before any lookup). */
export const isApiTokenShaped = (text: string): boolean => TOKEN_RE.test(text);

/**
 * The stored form of a token: its SHA-256, hex. A token carries 256 random bits, so a fast hash is enough:
 * nobody can guess one from its hash, and lookups stay one index probe.
 */
export const apiTokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
