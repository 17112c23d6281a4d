import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { signStaffToken, StaffRole } from '@redress/auth';
import { Clock } from '@redress/config';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { FakeClock } from './fake-clock';

export const JWT_SECRET = randomBytes(32).toString('base64url');
export const API_KEYS = {
  callCentre: `cc-${randomBytes(16).toString('hex')}`,
  web: `web-${randomBytes(16).toString('hex')}`,
};

export interface TestApp<C extends Clock = FakeClock> {
  app: INestApplication;
  http: ReturnType<typeof request>;
  clock: C;
  dataSource: DataSource;
  token(roles: StaffRole[], sub?: string, teams?: string[]): string;
  close(): Promise<void>;
}

/**
 * The real API (AppModule plus configureApp, exactly as main.ts serves it) on this run's
 * PostgreSQL database and Redis prefix, with a clock the test controls.
 */
export async function createTestApp<C extends Clock = FakeClock>(clock: C = new FakeClock(new Date()) as unknown as C): Promise<TestApp<C>> {
  process.env.AUTH_JWT_SECRET = JWT_SECRET;
  process.env.API_KEYS = `call-centre=${API_KEYS.callCentre},web-portal=${API_KEYS.web}`;
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    clock,
    dataSource: app.get(DataSource),
    token: (roles, sub = `staff-${roles.join('-')}`, teams = []) => signStaffToken(JWT_SECRET, { sub, roles, teams }),
    close: () => app.close(),
  };
}
