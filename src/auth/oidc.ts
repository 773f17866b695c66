import * as client from 'openid-client';
import { isValidCvr } from '../../graph/cvr';
import type { Login, LoginKind } from '../../graph/sessions';
import { type IdentitySettings, rolesFromGroups } from './settings';

/**
 * The OpenID Connect client (openid-client): the authorization code flow with PKCE, state and
 * nonce against the vendor or staff issuer. The library discovers the issuer, builds the
 * authorization URL, exchanges the code and validates the ID token (signature, issuer, audience,
 * expiry, nonce); this module only decides what the validated claims mean for Cyberkort.
 */

/** What the browser keeps (signed) between leaving for the issuer and coming back. */
export interface LoginFlow {
  as: LoginKind;
  verifier: string;
  state: string;
  nonce: string;
  /** The local path to return to, already checked. */
  returnTo: string;
}

/** Why a login did not produce a session, as a person should be told. */
export type LoginFailure =
  /** The issuer could not be reached. */
  | 'UNAVAILABLE'
  /** The person cancelled at the issuer. */
  | 'CANCELLED'
  /** The answer did not belong to this login (state, nonce, code) or did not validate. */
  | 'REFUSED'
  /** A vendor login without a valid CVR number: a private MitID rather than MitID Erhverv. */
  | 'NO_CVR'
  /** A staff login whose groups give no Cyberkort role. */
  | 'NO_ROLE';

export class LoginError extends Error {
  constructor(
    readonly failure: LoginFailure,
    options?: ErrorOptions,
  ) {
    super(`login failed: ${failure}`, options);
    this.name = 'LoginError';
  }
}

/** Seconds to wait for the issuer on each request. */
const ISSUER_TIMEOUT_S = 10;

function failureOf(error: unknown): LoginFailure {
  if (error instanceof client.AuthorizationResponseError) {
    return error.error === 'access_denied' ? 'CANCELLED' : 'REFUSED';
  }
  // fetch reports an unreachable issuer as a TypeError; openid-client its timeouts as codes.
  if (error instanceof TypeError) return 'UNAVAILABLE';
  if (error instanceof client.ClientError && (error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_ABORT')) {
    return 'UNAVAILABLE';
  }
  return 'REFUSED';
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

export class OidcLogin {
  readonly #configurations = new Map<LoginKind, Promise<client.Configuration>>();

  constructor(readonly settings: IdentitySettings) {}

  /** The issuer's metadata, discovered on first use and kept; a failed discovery is tried again next time. */
  #configuration(as: LoginKind): Promise<client.Configuration> {
    const known = this.#configurations.get(as);
    if (known) return known;
    const issuer = this.settings[as];
    const discovering = client.discovery(issuer.issuer, issuer.clientId, issuer.clientSecret, undefined, {
      timeout: ISSUER_TIMEOUT_S,
      // Only the development provider speaks plain HTTP (on loopback); production issuers must be https (config).
      execute: issuer.issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
    });
    this.#configurations.set(as, discovering);
    discovering.catch(() => this.#configurations.delete(as));
    return discovering;
  }

  /** Where to send the browser, and what it must bring back. */
  async begin(as: LoginKind, returnTo: string): Promise<{ url: URL; flow: LoginFlow }> {
    const configuration = await this.#configuration(as).catch((error: unknown) => {
      throw new LoginError('UNAVAILABLE', { cause: error });
    });
    const flow: LoginFlow = {
      as,
      verifier: client.randomPKCECodeVerifier(),
      state: client.randomState(),
      nonce: client.randomNonce(),
      returnTo,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings[as].scope,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url, flow };
  }

  /**
   * Completes the login the browser came back from: `callbackUrl` is the callback as the issuer
   * called it. Claims missing from the ID token are read from UserInfo (with the same subject).
   */
  async complete(flow: LoginFlow, callbackUrl: URL): Promise<Login> {
    const issuer = this.settings[flow.as];
    let claims: Record<string, unknown>;
    try {
      const configuration = await this.#configuration(flow.as);
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new LoginError('REFUSED');
      claims = idToken;
      const missing = Object.values(issuer.claims).some((name) => claims[name] === undefined);
      if (missing && configuration.serverMetadata().userinfo_endpoint) {
        claims = { ...(await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...idToken };
      }
    } catch (error) {
      if (error instanceof LoginError) throw error;
      throw new LoginError(failureOf(error), { cause: error });
    }
    return this.#loginFrom(flow.as, claims);
  }

  #loginFrom(as: LoginKind, claims: Record<string, unknown>): Login {
    const common = {
      kind: as,
      issuer: String(claims.iss),
      subject: String(claims.sub),
    };
    if (as === 'vendor') {
      const names = this.settings.vendor.claims;
      const cvr = text(claims[names.cvr]);
      if (!cvr || !isValidCvr(cvr)) throw new LoginError('NO_CVR');
      return {
        ...common,
        name: text(claims[names.name]) ?? `CVR ${cvr}`,
        email: text(claims[names.email]),
        cvr,
        roles: [],
      };
    }
    const { claims: names, groups } = this.settings.staff;
    const roles = rolesFromGroups(claims[names.groups], groups);
    if (roles.length === 0) throw new LoginError('NO_ROLE');
    return {
      ...common,
      name: text(claims[names.name]) ?? common.subject,
      email: text(claims[names.email]),
      cvr: null,
      roles,
    };
  }
}
