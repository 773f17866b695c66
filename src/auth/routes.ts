import type { LoginKind } from '../../graph/sessions';
import { queryString } from '../i18n/routes';

/** The login machinery's own addresses (Fastify routes in src/server/auth.ts, not pages). */
export const AUTH_LOGIN_PATH = '/auth/login';
export const AUTH_LOGOUT_PATH = '/auth/logout';

/** Starts a login at the vendor or staff issuer, coming back to `returnTo` afterwards. */
export const authLoginPath = (as: LoginKind, returnTo: string): string =>
  `${AUTH_LOGIN_PATH}${queryString({ as, returnTo })}`;
