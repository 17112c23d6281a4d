import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@redress/config';
import type { Request } from 'express';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { Principal, Role } from './principal';
import { Credentials } from './credentials';
import { InvalidCredentials } from './tokens';

/**
 * Global guard: every handler needs credentials unless marked @Public(), and every authenticated
 * handler must declare its roles with @Roles() (a handler that forgot is refused, not opened).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly credentials: Credentials;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.credentials = new Credentials(config.auth.jwtSecret, config.auth.apiKeys);
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
    try {
      return this.credentials.principalOf((name) => request.header(name));
    } catch (error) {
      if (error instanceof InvalidCredentials) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}
