/**
 * Micro-benchmark of the validation pipe alone on the benchmark's complaint bodies, with
 * class-validator resolving constraint classes (a) as apps/api/src/configure-app.ts set it up until
 * 2026-11-29, useContainer(app.select(Module), { fallbackOnErrors: true }), and (b) through
 * useNestValidatorContainer (@redress/http), which it does now.
 * (a) asks Nest for every inline constraint class on every validation; Nest throws
 * UnknownElementException for each one it does not know, class-validator catches it and falls back.
 *
 *   npx ts-node -r tsconfig-paths/register --transpile-only bench/micro/validation.micro.ts
 */
import { NestFactory } from '@nestjs/core';
import { UnknownElementException } from '@nestjs/core/errors/exceptions/unknown-element.exception';
import { CreateComplaintDto } from '@redress/complaints';
import { createValidationPipe, useNestValidatorContainer } from '@redress/http';
import { useContainer } from 'class-validator';
import { EchoModule } from '../echo/echo.module';
import { ComplaintFactory, loadCfpbSample } from '../lib/complaints';

process.env.AUTH_JWT_SECRET ??= 'micro-benchmark-secret-0123456789abcdef';
process.env.API_KEYS ??= 'micro=micro-benchmark-key-0123456789';
process.env.LOG_LEVEL ??= 'warn';

type Token = Parameters<ReturnType<Awaited<ReturnType<typeof NestFactory.create>>['select']>['get']>[0];

async function main(): Promise<void> {
  const app = await NestFactory.create(EchoModule, { logger: false, bodyParser: false });
  await app.init();
  const nest = app.select(EchoModule);
  const factory = new ComplaintFactory(loadCfpbSample(`${__dirname}/../..`), 'micro', new Date());
  const count = 2000;
  const bodies = Array.from({ length: count }, (_, i) => JSON.parse(factory.build('m', i).body) as object);
  const pipe = createValidationPipe();
  const meta = { type: 'body' as const, metatype: CreateComplaintDto, data: '' };
  let gets = 0;
  let throws = 0;

  const run = async (label: string) => {
    for (const body of bodies) await pipe.transform(body, meta);
    gets = 0;
    throws = 0;
    const rounds = 5;
    const start = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) for (const body of bodies) await pipe.transform(body, meta);
    const perBody = Number(process.hrtime.bigint() - start) / 1000 / (rounds * count);
    console.log(
      `${label}: ${perBody.toFixed(1)} µs per body; container lookups per body ${(gets / (rounds * count)).toFixed(2)}, ` +
        `UnknownElementException thrown per body ${(throws / (rounds * count)).toFixed(2)}`,
    );
  };

  useContainer(
    {
      get: (cls: Token) => {
        gets++;
        try {
          return nest.get(cls);
        } catch (error) {
          if (error instanceof UnknownElementException) throws++;
          throw error;
        }
      },
    },
    { fallbackOnErrors: true },
  );
  await run('(a) Nest container, fallbackOnErrors (configure-app.ts before 2026-11-29)');

  useNestValidatorContainer({ get: (cls: Token, options?: { strict: boolean }) => (gets++, nest.get(cls, options)) } as unknown as typeof nest);
  await run('(b) useNestValidatorContainer: each class resolved once, unknown ones fall back without an exception');
  await app.close();
}

void main();
