import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { InvalidInputError } from '../errors/index.ts';

/** scrypt's cost parameters: N = 2^ln (CPU and memory), r (block size), p (parallelism). */
export interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

/**
 * The parameters of new hashes: N = 2^16, r = 8, p = 1 uses 64 MiB and took 161 ms on the 2-core development
 * machine (OWASP's first choice is 2^17, 128 MiB, 467 ms there). Hashes keep their own parameters, so raising
 * these later leaves old passwords valid; they are re-hashed at the next successful sign-in.
 */
export const SCRYPT_PARAMS: ScryptParams = { ln: 16, r: 8, p: 1 };

/** The parameters of new hashes with N = 2^ln (`PASSWORD_HASH_COST`); r and p stay {@link SCRYPT_PARAMS}'. */
export const scryptParamsOf = (ln: number): ScryptParams => ({ ...SCRYPT_PARAMS, ln });

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Bounds on the parameters a stored hash may ask for, so a bad row cannot exhaust the process. */
const MAX_LN = 20;
const MAX_R = 32;
const MAX_P = 16;

const HASH_RE = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

const b64 = (bytes: Buffer): string => bytes.toString('base64').replace(/=+$/, '');

const derive = (
  password: string,
  salt: Buffer,
  params: ScryptParams & { length: number },
): Promise<Buffer> => {
  const N = 2 ** params.ln;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, params.length, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
};

/** A parsed stored hash. */
interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

/** Reads a stored hash, or null when it is not one this module wrote (never verifies). */
export function parsePasswordHash(encoded: string): ParsedHash | null {
  const match = HASH_RE.exec(encoded);
  if (match === null) return null;
  const [, ln, r, p, salt, hash] = match;
  const params = { ln: Number(ln), r: Number(r), p: Number(p) };
  if (
    params.ln < 1 ||
    params.ln > MAX_LN ||
    params.r < 1 ||
    params.r > MAX_R ||
    params.p < 1 ||
    params.p > MAX_P
  )
    return null;
  return { params, salt: Buffer.from(salt ?? '', 'base64'), hash: Buffer.from(hash ?? '', 'base64') };
}

/**
 * A new hash of a password in one self-describing string, PHC style:
 * `$scrypt$ln=16,r=8,p=1$<salt, base64>$<key, base64>` (16 random salt bytes, a 32-byte key).
 */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  if (password === '') throw new InvalidInputError('a password may not be empty');
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, { ...params, length: KEY_BYTES });
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

/** Whether a password matches a stored hash (compared in constant time); false for an unreadable hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parsePasswordHash(encoded);
  if (parsed === null || parsed.hash.length === 0) return false;
  const key = await derive(password, parsed.salt, { ...parsed.params, length: parsed.hash.length });
  return timingSafeEqual(key, parsed.hash);
}

/** Whether a stored hash was made with other parameters than today's (re-hash it at the next sign-in). */
export function needsRehash(encoded: string, params: ScryptParams = SCRYPT_PARAMS): boolean {
  const parsed = parsePasswordHash(encoded);
  return (
    parsed === null ||
    parsed.params.ln !== params.ln ||
    parsed.params.r !== params.r ||
    parsed.params.p !== params.p
  );
}

const dummies = new Map<string, Promise<string>>();

/**
 * A hash of a random password with the given parameters, made once per parameters: sign-ins of unknown or
 * disabled users are checked against it, so they take as long as a wrong password and timing does not tell
 * which usernames exist.
 */
export function dummyPasswordHash(params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const key = `${params.ln},${params.r},${params.p}`;
  let dummy = dummies.get(key);
  if (dummy === undefined) {
    dummy = hashPassword(randomBytes(16).toString('base64'), params);
    dummies.set(key, dummy);
  }
  return dummy;
}
