/** `--name value` of the command line as a number, else the default. */
export function numberFlag(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

/** `--name value` of the command line as text, else the default. */
export function textFlag(argv: readonly string[], name: string, fallback: string): string {
  const at = argv.indexOf(`--${name}`);
  return at < 0 ? fallback : (argv[at + 1] ?? fallback);
}
