import { Principal } from './principal';
import { ApiKeyRegistry, InvalidCredentials, verifyStaffToken } from './tokens';

/**
 * Who sent a request, from its headers: an integration client by `X-API-Key`, or staff by
 * `Authorization: Bearer <JWT>`. Throws InvalidCredentials saying what to send instead. Shared by
 * the API's guard and the worker's metrics listener, which has no Nest HTTP stack.
 */
export class Credentials {
  private readonly apiKeys: ApiKeyRegistry;

  constructor(
    private readonly jwtSecret: string,
    apiKeys: ReadonlyMap<string, string>,
  ) {
    this.apiKeys = new ApiKeyRegistry(apiKeys);
  }

  principalOf(header: (name: string) => string | undefined): Principal {
    const apiKey = header('x-api-key');
    if (apiKey) {
      const client = this.apiKeys.clientFor(apiKey);
      if (!client) throw new InvalidCredentials('The API key is not valid');
      return { kind: 'integration', id: client, roles: ['integration'], teams: [] };
    }
    const match = header('authorization')?.match(/^Bearer\s+(\S+)$/i);
    if (!match) {
      throw new InvalidCredentials('Send a staff token as "Authorization: Bearer <JWT>" or an integration key as "X-API-Key"');
    }
    try {
      return verifyStaffToken(match[1], this.jwtSecret);
    } catch (error) {
      if (error instanceof InvalidCredentials) throw new InvalidCredentials(`The bearer token is not valid: ${error.message}`);
      throw error;
    }
  }
}
