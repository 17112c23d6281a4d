import { NestFactory } from '@nestjs/core';
import { preflight } from '@redress/observability';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function main(): Promise<void> {
  const config = await preflight();
  const app = await NestFactory.create(AppModule, { bodyParser: false, bufferLogs: true });
  configureApp(app);
  await app.listen(config.port);
}

main().catch((error: Error) => {
  console.error(`redress-api failed to start: ${error.message}`);
  process.exit(1);
});
