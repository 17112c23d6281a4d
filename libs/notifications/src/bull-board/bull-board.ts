import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication, Provider } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { APP_CONFIG, AppConfig } from '@redress/config';
import { QUEUES } from '@redress/queue';
import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';
import { requireAdminToken } from './admin-token.middleware';

export const BULL_BOARD_PATH = '/admin/queues';
const BULL_BOARD_HANDLERS = Symbol('BULL_BOARD_HANDLERS');

/** Every queue, read-only: the dashboard is for looking; changes go through the API and the database. */
export const bullBoardProvider: Provider = {
  provide: BULL_BOARD_HANDLERS,
  inject: [APP_CONFIG, ...Object.values(QUEUES).map((name) => getQueueToken(name))],
  useFactory: (config: AppConfig, ...queues: Queue[]): RequestHandler[] => {
    const serverAdapter = new ExpressAdapter().setBasePath(BULL_BOARD_PATH);
    createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })), serverAdapter });
    return [requireAdminToken(config.auth.jwtSecret), serverAdapter.getRouter()];
  },
};

/** Serves Bull Board at /admin/queues to admins; call from configureApp, before the app starts listening. */
export function mountBullBoard(app: INestApplication): void {
  app.use(BULL_BOARD_PATH, ...app.get<RequestHandler[]>(BULL_BOARD_HANDLERS));
}
