declare module 'cluster-key-slot' {
  /** The Redis Cluster hash slot (0–16383) of a key; a `{tag}` is hashed instead of the whole key. */
  function calculateSlot(key: string): number;
  export default calculateSlot;
}
