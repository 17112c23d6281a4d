import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@redress/config';
import { createValidationPipe, useNestValidatorContainer } from '@redress/http';
import { Metrics } from '@redress/observability';
import { Logger } from 'nestjs-pino';
import { EchoModule } from './echo.module';

/**
 * The benchmark's baseline: what apps/api/src/configure-app.ts sets up per request (logger, proxy
 * trust, metrics middleware, class-validator container, validation pipe), minus the OpenAPI document,
 * which only serves /docs. Needs no database and no Redis.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(EchoModule, { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(app.get(Metrics).httpMiddleware());
  useNestValidatorContainer(app.select(EchoModule));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  await app.listen(config.port);
}

main().catch((error: Error) => {
  console.error(`bench echo server failed to start: ${error.message}`);
  process.exit(1);
});
