/**
 * EXPERIMENT (opt-in, `--experiment validator-container`): what the servers would do if
 * configure-app.ts gave class-validator a memoising container instead of
 * useContainer(app.select(AppModule), { fallbackOnErrors: true }).
 *
 * class-validator asks its container for the constraint class of every rule it evaluates (IsString,
 * MaxLength, ... are classes too). Nest knows only NotInFutureConstraint, so for every other rule it
 * throws UnknownElementException, which class-validator catches before falling back to its own
 * container: about 32 exceptions per complaint body (see bench/micro/validation.micro.ts). Here each
 * class is resolved once and the answer (an instance or "unknown": fall back) is remembered.
 *
 * Preloaded with node -r into the benchmark's servers only; it changes no file of the service.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const container = require('class-validator/cjs/container') as typeof import('class-validator');

type Container = Parameters<typeof container.useContainer>[0];
type Options = Parameters<typeof container.useContainer>[1];

const original = container.useContainer;

(container as { useContainer: typeof original }).useContainer = (nest: Container, options?: Options) => {
  const resolved = new Map<unknown, unknown>();
  original(
    {
      get: (cls: unknown) => {
        if (!resolved.has(cls)) {
          let instance: unknown;
          try {
            instance = nest.get(cls as never);
          } catch {
            instance = undefined;
          }
          resolved.set(cls, instance);
        }
        return resolved.get(cls);
      },
    } as Container,
    { ...options, fallback: true, fallbackOnErrors: true },
  );
};
