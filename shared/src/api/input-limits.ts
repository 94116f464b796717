/**
 * Longest strings the API accepts (every string input has a maximum, checked by a test over the whole router):
 * ids (intent ids, stream entry ids, `lastEventId`), names (underlyings, strategy ids, scope keys) and the free
 * text a person writes (veto and trading-state reasons).
 */
export const ID_MAX_LENGTH = 128;
export const NAME_MAX_LENGTH = 64;
export const REASON_MAX_LENGTH = 1000;
/** An ISO-8601 timestamp with offset and nanoseconds fits in 40 characters; room to spare. */
export const TIMESTAMP_MAX_LENGTH = 64;
