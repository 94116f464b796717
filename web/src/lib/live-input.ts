/**
 * The input of every live subscription: the server first sends the newest entry already on the stream, so the
 * socket holds an id to resume from at once; after a lost socket the tRPC client resubscribes with the last id
 * it received (`lastEventId`) and gets exactly what it missed. The stores apply each entry id once.
 */
export const LIVE_FROM_LATEST = { fromLatest: true } as const;
