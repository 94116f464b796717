import { describe, expect, it } from 'vitest';
import { parseClusterNode } from './redis.ts';

describe('parseClusterNode', () => {
  it('reads host:port as the seed node of the cluster client', () => {
    expect(parseClusterNode('127.0.0.1:7101')).toEqual({ host: '127.0.0.1', port: 7101 });
    expect(parseClusterNode('redis-a.internal:6379')).toEqual({ host: 'redis-a.internal', port: 6379 });
  });

  it('refuses a node without a usable port', () => {
    for (const text of ['127.0.0.1', ':7101', 'host:0', 'host:70000', 'host:x'])
      expect(() => parseClusterNode(text)).toThrow(/host:port/);
  });
});
