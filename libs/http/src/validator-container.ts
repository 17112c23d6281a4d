import type { INestApplicationContext } from '@nestjs/common';
import { useContainer } from 'class-validator';

/**
 * Gives class-validator the application's providers, so that constraints such as NotInFuture
 * receive the injected Clock, resolving each class once.
 *
 * class-validator asks its container for the constraint class of every rule it evaluates, IsString
 * and MaxLength included. Nest knows only our own constraints and throws UnknownElementException
 * for every other one; with useContainer(app, { fallbackOnErrors: true }) class-validator caught
 * that and fell back to its own container: about 32 exceptions, each with a stack trace, per
 * complaint body, 38 % of the echo endpoint's CPU and 10 % of intake's. Providers do not change
 * once the application is built, so the answer is remembered, "not a provider" included, and for
 * those class-validator's own container supplies the instance as before.
 */
export function useNestValidatorContainer(app: INestApplicationContext): void {
  const resolved = new Map<unknown, unknown>();
  useContainer(
    {
      get<T>(someClass: (new (...args: unknown[]) => T) | (() => unknown)): T {
        if (!resolved.has(someClass)) {
          let instance: unknown;
          try {
            instance = app.get(someClass as never, { strict: false });
          } catch {
            instance = undefined;
          }
          resolved.set(someClass, instance);
        }
        return resolved.get(someClass) as T;
      },
    },
    { fallback: true },
  );
}
