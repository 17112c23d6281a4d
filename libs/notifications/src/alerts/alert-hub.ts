import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@redress/config';
import { createRedis } from '@redress/queue';
import type Redis from 'ioredis';
import { ALERTS_CHANNEL, AlertMessage } from './alert-message';

export type AlertListener = (message: AlertMessage) => void;

/**
 * The API process's one Redis subscription to the alerts channel, fanned out in memory to every
 * open stream: a connection per supervisor's screen would not scale, and a subscribed connection
 * can do nothing else.
 */
@Injectable()
export class AlertHub implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertHub.name);
  private readonly listeners = new Set<AlertListener>();
  private subscriber: Redis | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const subscriber = createRedis(this.config.redisUrl);
    this.subscriber = subscriber;
    subscriber.on('error', (error: Error) => this.logger.warn({ err: { type: error.name, message: error.message } }, 'Alert subscriber connection error'));
    subscriber.on('message', (_channel: string, raw: string) => this.fanOut(raw));
    // ioredis subscribes again by itself after a reconnect.
    await subscriber.subscribe(ALERTS_CHANNEL(this.config.queuePrefix));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
  }

  /** Returns the function that stops listening. */
  listen(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fanOut(raw: string): void {
    let message: AlertMessage;
    try {
      message = JSON.parse(raw) as AlertMessage;
    } catch {
      this.logger.warn('Ignored an alert message that is not JSON');
      return;
    }
    if (typeof message?.id !== 'string' || !Array.isArray(message.recipients)) {
      this.logger.warn('Ignored an alert message without id or recipients');
      return;
    }
    for (const listener of this.listeners) listener(message);
  }
}
