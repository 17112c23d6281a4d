import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { Principal, Role } from './principal';

export const PUBLIC_KEY = 'redress:public';
export const ROLES_KEY = 'redress:roles';

/** Open to anyone: only health probes, the API docs and survey links use it. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The roles allowed to call a handler (any one of them suffices). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return (ctx.switchToHttp().getRequest<Request>() as Request & { principal: Principal }).principal;
});
