import type { AlertAck } from '@gamma/shared';
import type { RedisClient } from '../../bus/redis.ts';
import { InfrastructureError } from '../../errors/index.ts';
import { keyTable } from '../../keys/key-table.ts';

/** One raise of one alert: the board's key and the `risk.alert` entry id of the raise. */
export interface AlertRaise {
  key: string;
  raiseId: string;
}

/**
 * Acknowledgements of risk alerts, one per raise, first writer wins: a raise acknowledged stays so (who,
 * when); a new raise of the same alert has another id, so it starts unacknowledged.
 */
export interface AlertAckStore {
  /**
   * Records `ack` for the raise unless it has one: null when this call recorded it, else the one recorded
   * before (atomic: of two concurrent calls exactly one gets null).
   */
  acknowledge(raise: AlertRaise, ack: AlertAck): Promise<AlertAck | null>;
  /** The acknowledgements of the raises that have one, by alert key */
  acks(raises: readonly AlertRaise[]): Promise<Map<string, AlertAck>>;
}

/** The hash field of a raise: the entry id first (it has no `|`), then the alert key. */
const fieldOf = (raise: AlertRaise): string => `${raise.raiseId}|${raise.key}`;

const parseAck = (raw: unknown): AlertAck | null =>
  typeof raw === 'string' ? (JSON.parse(raw) as AlertAck) : null;

/** The acknowledgements in the hash `<prefix>:alert_acks` (`<raise id>|<alert key>` → `{by, at}`), set with HSETNX. */
export function createRedisAlertAckStore(redis: RedisClient, prefix: string): AlertAckStore {
  const hash = keyTable(prefix).alertAcks();
  return {
    async acknowledge(raise, ack) {
      // MULTI: the HGET sees the HSETNX's outcome and nothing between them
      const replies = await redis
        .multi()
        .hsetnx(hash, fieldOf(raise), JSON.stringify(ack))
        .hget(hash, fieldOf(raise))
        .exec();
      const [setReply, getReply] = replies ?? [];
      const failed = setReply?.[0] ?? getReply?.[0];
      if (failed) throw failed;
      if (setReply === undefined)
        throw new InfrastructureError('the alert acknowledgement (MULTI) was aborted');
      return setReply[1] === 1 ? null : parseAck(getReply?.[1]);
    },
    async acks(raises) {
      const found = new Map<string, AlertAck>();
      if (raises.length === 0) return found;
      const raws = await redis.hmget(hash, ...raises.map(fieldOf));
      raises.forEach((raise, i) => {
        const ack = parseAck(raws[i]);
        if (ack !== null) found.set(raise.key, ack);
      });
      return found;
    },
  };
}

/** The acknowledgements in memory. */
export function createMemoryAlertAckStore(): AlertAckStore {
  const byField = new Map<string, AlertAck>();
  return {
    acknowledge(raise, ack) {
      const before = byField.get(fieldOf(raise));
      if (before === undefined) byField.set(fieldOf(raise), ack);
      return Promise.resolve(before ?? null);
    },
    acks(raises) {
      const found = new Map<string, AlertAck>();
      for (const raise of raises) {
        const ack = byField.get(fieldOf(raise));
        if (ack !== undefined) found.set(raise.key, ack);
      }
      return Promise.resolve(found);
    },
  };
}
