import { describe, expect, it } from 'vitest';
import { DEV_PROVIDER_REFUSAL, startDevProvider } from './dev-provider';

const options = {
  port: 0,
  redirectUri: 'http://127.0.0.1:4321/auth/callback',
  claims: {
    vendor: { cvr: 'cvr', name: 'name', email: 'email' },
    staff: { name: 'name', email: 'email', groups: 'groups' },
  },
  people: [],
};

describe('the development identity provider', () => {
  it('refuses to start in production', async () => {
    await expect(startDevProvider({ ...options, nodeEnv: 'production' })).rejects.toThrow(DEV_PROVIDER_REFUSAL);
  });

  it('says on every page it serves that it is for development', async () => {
    const provider = await startDevProvider({ ...options, nodeEnv: 'test' });
    try {
      expect(provider.issuer.hostname).toBe('127.0.0.1');
      for (const path of ['/', '/interaction/unknown']) {
        const response = await fetch(new URL(path, provider.issuer));
        expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
        expect(await response.text(), path).toContain('Development only: not a real identity provider.');
      }
      const discovery = await fetch(new URL('/.well-known/openid-configuration', provider.issuer));
      expect(await discovery.json()).toMatchObject({ code_challenge_methods_supported: ['S256'] });
    } finally {
      await provider.close();
    }
  });
});
