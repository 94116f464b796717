import { describe, expect, it } from 'vitest';
import { CONFIG_SECTIONS, describeProblems, loadConfig, validateConfig } from './app-config.ts';
import { knownPrefixes } from './unknown-variables.ts';

const problemsOf = (source: Record<string, string>) => {
  const reading = validateConfig(source);
  return reading.ok ? [] : reading.problems;
};

describe('loadConfig', () => {
  describe('when nothing is set', () => {
    it('gives the SPEC §11 defaults', () => {
      const config = loadConfig({});
      expect(config.process).toMatchObject({
        redisUrl: 'redis://127.0.0.1:6379/0',
        streamPrefix: 'glm',
        port: 4000,
        services: ['all'],
      });
      expect(config.engine).toMatchObject({
        approvalMode: 'manual',
        approvalTtlS: 120,
        maxPositionQty: { BTC: 5, ETH: 50 },
        autoApproveActions: [],
      });
      expect(config.desk.underlyings).toEqual(['BTC/USDT', 'ETH/USDT']);
      expect(config.riskService.sentimentUrls).toEqual(['http://127.0.0.1:4001']);
      expect(config.marketSimulator.sentimentPort).toBe(4001);
    });
  });

  describe('when the sentiment list is empty', () => {
    it('disables sentiment', () => {
      expect(loadConfig({ SENTIMENT_API_URLS: '' }).riskService.sentimentUrls).toEqual([]);
    });
  });

  describe('when REDIS_CLUSTER_NODES names nodes', () => {
    it('gives the process their host:port list (the cluster then wins over REDIS_URL)', () => {
      const config = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-b:7001' });
      expect(config.process.redisClusterNodes).toEqual(['10.0.0.1:7000', 'redis-b:7001']);
      expect(loadConfig({}).process.redisClusterNodes).toEqual([]);
    });
  });

  describe('when PORT is 0', () => {
    it('lets the sentiment server take any free port too', () => {
      expect(loadConfig({ PORT: '0' }).marketSimulator.sentimentPort).toBe(0);
    });
  });

  describe('when a variable several services read is set', () => {
    it('gives every one of them the same value', () => {
      const config = loadConfig({ EXEC_MIN_EXPIRY_H: '48', PAPER_INITIAL_BALANCE_USDT: '5000' });
      expect(config.engine.minExpiryHours).toBe(48);
      expect(config.optionExecution.minExpiryHours).toBe(48);
      expect(config.engine.initialBalanceUsdt).toBe(5000);
      expect(config.riskService.initialBalance).toBe(5000);
    });
  });

  describe('when variables are invalid', () => {
    it('names every bad variable at once', () => {
      const load = () =>
        loadConfig({ APPROVAL_MODE: 'sometimes', PORT: 'x', RISK_MAX_POSITION_QTY: 'BTC:-1' });
      expect(load).toThrow(/APPROVAL_MODE/);
      expect(load).toThrow(/PORT/);
      expect(load).toThrow(/RISK_MAX_POSITION_QTY/);
    });
  });
});

describe('validateConfig', () => {
  describe('when a value is empty or blank', () => {
    it('reports the variable instead of reading 0 or an empty text', () => {
      expect(problemsOf({ PQ_VOL_THRESHOLD: '', STREAM_MAXLEN: ' ', HOST: '' })).toEqual([
        { variable: 'STREAM_MAXLEN', message: 'empty value' },
        { variable: 'HOST', message: 'empty value' },
        { variable: 'PQ_VOL_THRESHOLD', message: 'empty value' },
      ]);
    });

    it('accepts it where it has a meaning (an empty list, no sentiment, no database)', () => {
      expect(
        problemsOf({
          AUTO_APPROVE_ACTIONS: '',
          PQ_HOLD_REGIMES: '',
          SENTIMENT_API_URLS: '',
          DATABASE_URL: '',
        }),
      ).toEqual([]);
    });
  });

  describe('when a cluster node is not host:port', () => {
    it('names REDIS_CLUSTER_NODES', () => {
      expect(problemsOf({ REDIS_CLUSTER_NODES: '10.0.0.1' }).map((p) => p.variable)).toEqual([
        'REDIS_CLUSTER_NODES',
      ]);
    });
  });

  describe('when a variable has a known prefix but no setting has its name', () => {
    it('reports it as unknown', () => {
      expect(problemsOf({ RISK_MAX_DRAWDOWN: '0.1', SIM_SEEDS: '1' })).toEqual([
        { variable: 'RISK_MAX_DRAWDOWN', message: expect.stringMatching(/^unknown variable/) },
        { variable: 'SIM_SEEDS', message: expect.stringMatching(/^unknown variable/) },
      ]);
    });
  });

  describe('when the retired DEFAULT_TRADER_ID is still set', () => {
    it('says the identity is now the signed-in user', () => {
      expect(problemsOf({ DEFAULT_TRADER_ID: 'desk' })).toEqual([
        { variable: 'DEFAULT_TRADER_ID', message: expect.stringMatching(/retired: .*the signed-in user/) },
      ]);
    });
  });

  describe('when the session settings are set', () => {
    it('reads them, and refuses a COOKIE_SECURE that is not true or false', () => {
      expect(
        loadConfig({ SESSION_IDLE_MIN: '30', SESSION_MAX_H: '12', COOKIE_SECURE: 'TRUE' }).process,
      ).toMatchObject({ sessionIdleMin: 30, sessionMaxH: 12, cookieSecure: true });
      expect(loadConfig({}).process).toMatchObject({
        sessionIdleMin: 480,
        sessionMaxH: 24,
        cookieSecure: false,
      });
      expect(problemsOf({ COOKIE_SECURE: 'yes' })).toEqual([
        { variable: 'COOKIE_SECURE', message: 'not true or false: "yes"' },
      ]);
    });
  });

  describe('when variables of other programs are set', () => {
    it('leaves them alone', () => {
      expect(
        problemsOf({ NODE_OPTIONS: '--inspect', REDIS_PASSWORD: 'x', HOME: '/root', TEST_REDIS_URL: 'x' }),
      ).toEqual([]);
    });
  });

  describe('when a strategy override names no configured instance', () => {
    it('reports it (SPEC §11: it stops startup)', () => {
      expect(problemsOf({ STRATEGY_S1_ETH_LOOKBACK: '20' })).toEqual([
        {
          variable: 'STRATEGY_S1_ETH_LOOKBACK',
          message: expect.stringMatching(/names no configured instance/),
        },
      ]);
    });
  });

  describe('when several sections read the same bad variable', () => {
    it('reports it once', () => {
      expect(problemsOf({ UNDERLYINGS: 'BTC-PERP' })).toEqual([
        { variable: 'UNDERLYINGS', message: 'a spot symbol such as BTC/USDT' },
      ]);
    });
  });

  describe('when SERVICES names an unknown service', () => {
    it('reports SERVICES', () => {
      expect(problemsOf({ SERVICES: 'engine,pricer' }).map((p) => p.variable)).toEqual(['SERVICES']);
    });
  });
});

describe('describeProblems', () => {
  it('lists every problem on its own line, named by variable', () => {
    expect(
      describeProblems([
        { variable: 'PORT', message: 'not a number: "x"' },
        { variable: 'RISK_MAX_DRAWDOWN', message: 'unknown variable' },
      ]),
    ).toBe(
      'Invalid configuration (2 problems):\n  PORT: not a number: "x"\n  RISK_MAX_DRAWDOWN: unknown variable',
    );
  });
});

describe('knownPrefixes', () => {
  it('derives every variable family from the sections, and no lone first word', () => {
    const prefixes = knownPrefixes(Object.values(CONFIG_SECTIONS));
    expect(prefixes).toEqual(
      expect.arrayContaining([
        'RISK_',
        'PQ_',
        'SIM_',
        'EXEC_',
        'PAPER_',
        'GRID_',
        'S1_',
        'DELTA_',
        'FORECAST_',
      ]),
    );
    expect(prefixes).toEqual(expect.arrayContaining(['MACRO_', 'BUS_', 'STREAM_', 'APPROVAL_', 'STRATEGY_']));
    expect(prefixes).not.toContain('NODE_');
    expect(prefixes).not.toContain('REDIS_');
  });
});
