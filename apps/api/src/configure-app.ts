import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createValidationPipe, useNestValidatorContainer } from '@redress/http';
import { mountBullBoard } from '@redress/notifications';
import { Metrics } from '@redress/observability';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';

/**
 * Everything the HTTP app needs beyond its modules, shared by main.ts and the e2e tests so the tests
 * drive exactly what production serves. The app must be created with { bodyParser: false }.
 */
export function configureApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback, linklocal, uniquelocal');
  express.use(app.get(Metrics).httpMiddleware());
  // Lets validators such as NotInFuture receive the injected Clock.
  useNestValidatorContainer(app.select(AppModule));
  app.useGlobalPipes(createValidationPipe());
  mountBullBoard(app);
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Redress complaint service')
      .setDescription(
        'Complaint intake from every channel, case handling and SLA enforcement for banks. ' +
          'Errors are RFC 9457 application/problem+json. Staff authenticate with a bearer JWT (HS256; claims sub, roles, teams); ' +
          'integration clients (call centre, web, app, branch, mail room) with X-API-Key.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'apiKey')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
