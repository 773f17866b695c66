import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration from the environment', () => {
  it('has working defaults: local Neo4j, embedded search, 127.0.0.1:4321', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ HOST: '127.0.0.1', PORT: 4321 });
    expect(config.NEO4J_URI).toBeUndefined();
    expect(config.MEILI_URL).toBeUndefined();
    expect(config.LOCAL_NEO4J_PORT).toBe(7687);
  });

  it('names every wrong value in one error', () => {
    const attempt = () =>
      loadConfig({
        PORT: 'abc',
        LOCAL_NEO4J_PORT: '70000',
        NEO4J_URI: 'http://x',
        MEILI_URL: 'ftp://y',
        LOG_LEVEL: 'loud',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PORT must be a number/m);
      expect(problems).toMatch(/^LOCAL_NEO4J_PORT must be between 1 and 65535/m);
      expect(problems).toMatch(/^NEO4J_URI must start with bolt:\/\//m);
      expect(problems).toMatch(/^MEILI_URL must start with http:\/\//m);
      expect(problems).toMatch(/^LOG_LEVEL /m);
    }
  });

  it('requires credentials with a Neo4j server and a key with Meilisearch in production', () => {
    expect(() => loadConfig({ NEO4J_URI: 'neo4j+s://db.example' })).toThrow(/NEO4J_USER and NEO4J_PASSWORD/);
    expect(() => loadConfig({ NODE_ENV: 'production', MEILI_URL: 'https://search.example' })).toThrow(
      /MEILI_MASTER_KEY is required/,
    );
    expect(loadConfig({ NEO4J_URI: 'bolt://db:7687', NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 's' }).NEO4J_URI).toBe(
      'bolt://db:7687',
    );
  });

  it('takes the public address for absolute links from PUBLIC_URL, never from a request', () => {
    expect(loadConfig({}).PUBLIC_URL).toBe('http://127.0.0.1:4321');
    expect(loadConfig({ HOST: '::1', PORT: '8080' }).PUBLIC_URL).toBe('http://[::1]:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://cyberkort.example/' }).PUBLIC_URL).toBe('https://cyberkort.example');
    expect(loadConfig({ PUBLIC_URL: ' https://Cyberkort.example:8443 ' }).PUBLIC_URL).toBe(
      'https://cyberkort.example:8443',
    );
    for (const wrong of [
      'cyberkort.example',
      'ftp://cyberkort.example',
      'https://cyberkort.example/site',
      'https://cyberkort.example/?lang=da',
      'https://cyberkort.example/#top',
      'https://user:secret@cyberkort.example',
    ]) {
      expect(() => loadConfig({ PUBLIC_URL: wrong }), wrong).toThrow(/PUBLIC_URL must be an http or https address/);
    }
  });

  it.each([
    ['takes the daily supply snapshot', 'SUPPLY_SNAPSHOTS'],
    ['runs the daily demand rollup', 'DEMAND_ROLLUP'],
  ] as const)('%s in the server unless %s is false', (_job, name) => {
    expect(loadConfig({})[name]).toBe(true);
    expect(loadConfig({ [name]: 'false' })[name]).toBe(false);
    expect(loadConfig({ [name]: '0' })[name]).toBe(false);
    expect(loadConfig({ [name]: '1' })[name]).toBe(true);
    expect(() => loadConfig({ [name]: 'off' })).toThrow(new RegExp(`${name} must be true or false`));
  });
});
