import { NestFactory } from '@nestjs/core';
import { preflight } from '@redress/observability';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  await preflight();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log('redress-worker started');
}

main().catch((error: Error) => {
  console.error(`redress-worker failed to start: ${error.message}`);
  process.exit(1);
});
