import {
  CLIENT_ASSERTION_TYPE,
  SERVICE_ID_PATTERN,
  type ServiceTokenRequest,
  type ServiceTokenResponse,
} from '../../contracts/index.js';
import type { CityServicesDeps } from './city-services-deps.js';
import { verifyClientAssertion } from './client-assertion.js';
import { createAccessToken, hashAccessToken } from './lib/access-tokens.js';
import type { ImportServiceKey } from './lib/service-key-cache.js';
import { serviceErrors } from './lib/service-errors.js';

/**
 * The client credentials grant (RFC 6749 §4.4) with `private_key_jwt` client authentication
 * (RFC 7523 §2.2): checks the request, authenticates the service by its assertion, and issues a
 * bearer token of `config.serviceTokenTtlSeconds`, stored only as its SHA-256. Every failure to
 * authenticate is the same `invalid_client`; the reason is logged with the claimed client id,
 * never the assertion.
 */
export async function issueServiceToken(
  deps: CityServicesDeps & { importKey: ImportServiceKey },
  request: ServiceTokenRequest,
): Promise<ServiceTokenResponse> {
  const { config, storage, logger, now } = deps;
  // RFC 6749 §3.2: an empty parameter counts as omitted.
  const given = (value: string | undefined) => (value === '' ? undefined : value);
  const grantType = given(request.grant_type);
  if (grantType === undefined) throw serviceErrors.invalidRequest('grant_type is missing.');
  if (grantType !== 'client_credentials') throw serviceErrors.unsupportedGrant();

  const refuse = (clientId: string | undefined, reason: string) => {
    // The client id is logged only in the form a client id has: it is whatever the caller sent.
    const loggable = clientId !== undefined && SERVICE_ID_PATTERN.test(clientId) ? clientId : null;
    logger.info({ clientId: loggable, reason }, 'city service authentication failed');
    return serviceErrors.authFailed();
  };
  const clientIdParam = given(request.client_id);
  const assertion = given(request.client_assertion);
  // RFC 6749 §5.2: no client authentication, or another method, is `invalid_client`.
  if (given(request.client_assertion_type) !== CLIENT_ASSERTION_TYPE) {
    throw refuse(clientIdParam, 'client_assertion_type is not jwt-bearer');
  }
  if (assertion === undefined) throw refuse(clientIdParam, 'no client_assertion');

  const result = await verifyClientAssertion(assertion, {
    expectedAudience: config.publicOrigin,
    expectedClientId: clientIdParam,
    importKey: deps.importKey,
    storage,
    now,
  });
  if (!result.ok) throw refuse(result.clientId, result.reason);
  const { service } = result;

  const token = createAccessToken();
  const issuedAt = now();
  const ttl = config.serviceTokenTtlSeconds;
  await storage.saveServiceToken({
    tokenHash: hashAccessToken(token),
    serviceId: service.id,
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + ttl * 1000),
  });
  logger.info({ clientId: service.id }, 'city service token issued');
  return { access_token: token, token_type: 'Bearer', expires_in: ttl };
}
