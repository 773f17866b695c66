import {
  API_TOKEN_DEFAULT_DAYS,
  API_TOKEN_MAX_DAYS,
  type ApiTokenView,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from '../../../use-cases/api-tokens';
import { MUTATION_COST } from '../../cost';
import { builder } from '../builder';
import { answering, MUTATION_ERRORS } from './errors';

/**
 * Analysts' API tokens (src/use-cases/api-tokens.ts): NCC-DK admins list, create and revoke
 * them. The secret is in the answer to createApiToken only; nothing else can return it, since
 * the graph keeps only its hash.
 */

const ADMIN = { admin: true } as const;

const ApiTokenStatusEnum = builder.enumType('ApiTokenStatus', {
  description: 'Only an active token is accepted.',
  values: ['active', 'expired', 'revoked'] as const,
});

const ApiTokenRef = builder.objectRef<ApiTokenView>('ApiToken').implement({
  description: 'A read-only API token for an analyst\'s scripts, sent as "Authorization: Bearer <secret>".',
  authScopes: ADMIN,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'What the audit log names the token by.' }),
    name: t.exposeString('name', { description: 'Who uses it, for what.' }),
    roles: t.exposeStringList('roles', { description: "Always ['analyst']: tokens read, never write." }),
    status: t.field({ type: ApiTokenStatusEnum, resolve: (token) => token.status }),
    createdAt: t.exposeString('createdAt'),
    expiresAt: t.exposeString('expiresAt'),
    revokedAt: t.exposeString('revokedAt', { nullable: true }),
    lastUsedAt: t.exposeString('lastUsedAt', {
      nullable: true,
      description: 'Recorded at most once an hour, with a token-use event in the audit log.',
    }),
    createdBy: t.exposeString('createdBy', { description: "The issuing admin's pseudonymous user id." }),
  }),
});

const CreatedApiTokenRef = builder.objectRef<{ token: ApiTokenView; secret: string }>('CreatedApiToken').implement({
  description: 'A new token with its secret: shown this once; store it now, it cannot be read again.',
  authScopes: ADMIN,
  fields: (t) => ({
    token: t.field({ type: ApiTokenRef, resolve: (created) => created.token }),
    secret: t.exposeString('secret'),
  }),
});

const ApiTokenInput = builder.inputType('ApiTokenInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'Who uses the token, for what (3–100 characters).' }),
    validDays: t.int({
      defaultValue: API_TOKEN_DEFAULT_DAYS,
      description: `Days until it expires: 1–${API_TOKEN_MAX_DAYS}.`,
    }),
  }),
});

builder.queryFields((t) => ({
  apiTokens: t.field({
    type: [ApiTokenRef],
    description: 'Every API token, newest first, revoked and expired ones included. Admins only.',
    authScopes: ADMIN,
    resolve: (_root, _args, context) => answering(() => listApiTokens(context.services, context.viewer)),
  }),
}));

const outcome = { types: MUTATION_ERRORS, directResult: true } as const;

builder.mutationFields((t) => ({
  createApiToken: t.field({
    type: CreatedApiTokenRef,
    description: 'Issues a read-only analyst token. Its secret is in this answer only. Admins only.',
    authScopes: ADMIN,
    complexity: MUTATION_COST,
    errors: outcome,
    args: { input: t.arg({ type: ApiTokenInput, required: true }) },
    resolve: (_root, { input }, context) =>
      createApiToken(context.services, context.viewer, {
        name: input.name,
        validDays: input.validDays ?? API_TOKEN_DEFAULT_DAYS,
      }),
  }),
  revokeApiToken: t.field({
    type: ApiTokenRef,
    description: 'Revokes a token at once: every later request with it is refused (UNAUTHENTICATED). Admins only.',
    authScopes: ADMIN,
    complexity: MUTATION_COST,
    errors: outcome,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, context) => revokeApiToken(context.services, context.viewer, String(id)),
  }),
}));
