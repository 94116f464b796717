import { createRedisClient } from '../../server/src/bus/redis.ts';
import { createRedisStreamsBus } from '../../server/src/bus/redis-streams-bus.ts';
import { loadConfig } from '../../server/src/config/app-config.ts';
import { busSettingsOf, redisTargetOf, streamCapsOf } from '../../server/src/config/process-config.ts';
import { startGateway } from '../../server/src/gateway.ts';
import { systemClock } from '../../server/src/lib/clock.ts';
import { createLogger } from '../../server/src/lib/logger.ts';
import { createRedisStores } from '../../server/src/stores/redis-stores.ts';

/**
 * The fan-out bench's gateway, a process of its own like a deployed one: the real gateway (read model, tRPC
 * over HTTP + WebSocket) on loopback, any free port, on the bench's Redis and prefix, accounts in memory seeded
 * from `GAMMA_USERS`. Tells its port to the parent over IPC; closes on the parent's `stop` message.
 * Args: redis url, stream prefix, GAMMA_USERS value.
 */
const [url, prefix, users] = process.argv.slice(2);
if (url === undefined || prefix === undefined || users === undefined)
  throw new Error('usage: gateway-process <redis-url> <prefix> <GAMMA_USERS>');
const config = loadConfig({
  LOG_LEVEL: 'warn',
  DATA_DIR: 'memory://',
  DATABASE_URL: '',
  GAMMA_USERS: users,
  PORT: '0',
  HOST: '127.0.0.1',
  REDIS_URL: url,
  STREAM_PREFIX: prefix,
});
const log = createLogger('warn', { component: 'bench-gateway' });
const settings = config.process;
const bus = createRedisStreamsBus({ ...busSettingsOf(settings), log, clock: systemClock });
const redis = createRedisClient(redisTargetOf(settings), { log });
const stores = createRedisStores(redis, { prefix, ...streamCapsOf(settings) });
const gateway = await startGateway({ bus, stores, config, clock: systemClock, log });
process.send?.({ port: gateway.port });
process.on('message', (message) => {
  if (message !== 'stop') return;
  void (async () => {
    await gateway.close();
    await bus.close();
    redis.disconnect();
    process.exit(0);
  })();
});
// The parent gone (killed, crashed): stop too, so no gateway is left behind
process.on('disconnect', () => process.exit(0));
