import { beforeEach, describe, expect, it } from 'vitest';
import { OFFLINE_AFTER_FAILURES, useConnectionStore } from './connection-store';

const state = () => useConnectionStore.getState();

describe('useConnectionStore', () => {
  beforeEach(() => {
    useConnectionStore.setState({ status: 'reconnecting', failures: 0, lostAt: null });
  });

  it('is connected once the socket opens', () => {
    state().opened();
    expect(state().status).toBe('connected');
  });

  describe('when the socket closes', () => {
    it('is reconnecting while the client retries', () => {
      state().opened();
      state().closed();
      expect(state().status).toBe('reconnecting');
    });

    it('is offline after repeated failed attempts, and connected again when one succeeds', () => {
      state().opened();
      for (let i = 0; i < OFFLINE_AFTER_FAILURES; i += 1) state().closed();
      expect(state().status).toBe('offline');
      state().opened();
      expect(state().status).toBe('connected');
    });
  });

  describe('while the link is down', () => {
    it('keeps the time it was first lost, through every failed attempt, until it opens', () => {
      state().opened();
      expect(state().lostAt).toBeNull();
      const before = Date.now();
      state().closed();
      const lostAt = state().lostAt;
      expect(lostAt).toBeGreaterThanOrEqual(before);
      state().closed();
      state().networkLost();
      expect(state().lostAt).toBe(lostAt);
      state().opened();
      expect(state().lostAt).toBeNull();
    });
  });

  describe('when the browser loses the network', () => {
    it('is offline until the socket opens again', () => {
      state().opened();
      state().networkLost();
      state().closed();
      expect(state().status).toBe('offline');
      state().networkBack(false);
      expect(state().status).toBe('reconnecting');
      state().networkBack(true);
      expect(state().status).toBe('connected');
    });
  });
});
