import type { AlertAck, AlertBoardRow, AcknowledgeAlertInput } from '@gamma/shared';
import { ConflictError, NotFoundError } from '../../errors/index.ts';
import { iso } from '../../lib/clock.ts';
import { alertBoardRows, alertEpisode } from '../../read-model/risk/risk-board.ts';
import type { Context, RequestContext } from '../context.ts';

/** `risk.alertBoard`: every alert of the board with the acknowledgement of its current raise. */
export async function alertBoard(
  ctx: Pick<RequestContext, 'readModel' | 'stores'>,
): Promise<AlertBoardRow[]> {
  const { alerts } = ctx.readModel.risk;
  const raises = [...alerts.byKey.values()].map((a) => ({ key: a.key, raiseId: a.raise_id }));
  return alertBoardRows(alerts, await ctx.stores.alertAcks.acks(raises));
}

const describeAck = (key: string, ack: AlertAck): string =>
  `alert ${key} was already acknowledged by ${ack.by} at ${ack.at}`;

/**
 * `risk.acknowledgeAlert`: records who acknowledged the alert's current raise, once. NOT_FOUND for a key the
 * board does not have; CONFLICT when `raise_id` is not the current raise (it was raised again since) or when
 * the raise was acknowledged already (naming who and when).
 */
export async function acknowledgeAlert(ctx: Context, input: AcknowledgeAlertInput): Promise<AlertBoardRow> {
  const episode = alertEpisode(ctx.readModel.risk.alerts, input.key);
  if (episode === null) throw new NotFoundError(`no alert ${input.key} on the board`);
  if (input.raise_id !== undefined && input.raise_id !== episode.raise_id)
    throw new ConflictError(
      `alert ${input.key} was raised again at ${episode.first_raised_at} (raise ${episode.raise_id}); ` +
        'acknowledge the new raise',
    );
  const ack: AlertAck = { by: ctx.user, at: iso(ctx.clock.now()) };
  const earlier = await ctx.stores.alertAcks.acknowledge(
    { key: episode.key, raiseId: episode.raise_id },
    ack,
  );
  if (earlier !== null) throw new ConflictError(describeAck(input.key, earlier));
  ctx.log.info('risk alert acknowledged', { key: episode.key, raise_id: episode.raise_id, by: ctx.user });
  return { ...episode, ack };
}
