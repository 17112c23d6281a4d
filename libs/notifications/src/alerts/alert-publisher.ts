import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@redress/config';
import { REDIS } from '@redress/queue';
import type Redis from 'ioredis';
import { ALERTS_CHANNEL, AlertMessage } from './alert-message';

/**
 * Announces a raised alert to every API process (and so to open streams). Call it after the
 * alert's transaction commits; a message lost here is not lost for good, since a reconnecting
 * stream replays from the alerts table.
 */
@Injectable()
export class AlertPublisher {
  private readonly channel: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = ALERTS_CHANNEL(config.queuePrefix);
  }

  async publish(message: AlertMessage): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify(message));
  }
}
