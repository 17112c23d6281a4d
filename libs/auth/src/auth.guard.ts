import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@redress/config';
import type { Request } from 'express';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { Principal, Role } from './principal';
import { ApiKeyRegistry, InvalidCredentials, verifyStaffToken } from './tokens';

/**
 * Global guard: every handler needs credentials unless marked @Public(), and every authenticated
 * handler must declare its roles with @Roles() (a handler that forgot is refused, not opened).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly apiKeys: ApiKeyRegistry;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.apiKeys = new ApiKeyRegistry(config.auth.apiKeys);
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const principal = this.authenticate(request);
    request.principal = principal;

    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!principal.roles.some((role) => allowed.includes(role))) {
      throw new ForbiddenException(`This action needs one of the roles: ${allowed.join(', ') || '(none configured)'}`);
    }
    return true;
  }

  private authenticate(request: Request): Principal {
    const apiKey = request.header('x-api-key');
    if (apiKey) {
      const client = this.apiKeys.clientFor(apiKey);
      if (!client) throw new UnauthorizedException('The API key is not valid');
      return { kind: 'integration', id: client, roles: ['integration'], teams: [] };
    }
    const authorization = request.header('authorization');
    const match = authorization?.match(/^Bearer\s+(\S+)$/i);
    if (!match) {
      throw new UnauthorizedException('Send a staff token as "Authorization: Bearer <JWT>" or an integration key as "X-API-Key"');
    }
    try {
      return verifyStaffToken(match[1], this.config.auth.jwtSecret);
    } catch (error) {
      if (error instanceof InvalidCredentials) throw new UnauthorizedException(`The bearer token is not valid: ${error.message}`);
      throw error;
    }
  }
}
