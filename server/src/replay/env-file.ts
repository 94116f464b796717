import { InvalidInputError } from '../errors/index.ts';

const KEY_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A value in matching single or double quotes loses them; anything else is kept as written. */
const unquote = (value: string): string =>
  /^(["']).*\1$/.test(value) && value.length >= 2 ? value.slice(1, -1) : value;

/**
 * The settings of a `--env` file: one `KEY=VALUE` a line (an optional leading `export `), blank lines
 * and `#` comments ignored. Throws naming the line of the first malformed one, repeated key or name that
 * `isSetting` refuses.
 */
export function parseEnvFile(
  text: string,
  name = '--env file',
  isSetting: (key: string) => boolean = () => true,
): Record<string, string> {
  const settings: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const body = line.startsWith('export ') ? line.slice('export '.length).trim() : line;
    const eq = body.indexOf('=');
    const key = eq < 0 ? body : body.slice(0, eq).trim();
    if (eq < 0 || !KEY_RE.test(key))
      throw new InvalidInputError(`${name}, line ${i + 1}: expected KEY=VALUE, got "${raw}"`);
    // The file holds only Gamma settings, so an unknown name is a typo even without a known prefix
    if (!isSetting(key))
      throw new InvalidInputError(
        `${name}, line ${i + 1}: ${key} is not a Gamma setting (see README "Configuration")`,
      );
    if (key in settings) throw new InvalidInputError(`${name}, line ${i + 1}: ${key} is set twice`);
    settings[key] = unquote(body.slice(eq + 1).trim());
  });
  return settings;
}
