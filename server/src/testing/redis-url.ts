/** The Redis the integration tests use: `TEST_REDIS_URL`, or the local default. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
