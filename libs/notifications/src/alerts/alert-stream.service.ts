import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { Principal } from '@redress/auth';
import type { Response } from 'express';
import { alertAudience, isInAudience } from './alert-audience';
import { AlertHub } from './alert-hub';
import { AlertMessage } from './alert-message';
import { AlertReplay } from './alert-replay';

/** Keeps proxies and load balancers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/** How long a disconnected client waits before reconnecting. */
const RETRY_MS = 5_000;
/** A client this far behind is dropped; it reconnects with Last-Event-ID and catches up from the table. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Server-Sent Events: each alert as `id`, `event: alert`, `data: <json>`. */
@Injectable()
export class AlertStreamService implements BeforeApplicationShutdown {
  private readonly open = new Set<Response>();

  constructor(
    private readonly hub: AlertHub,
    private readonly replay: AlertReplay,
  ) {}

  /**
   * Listening starts before the replay is read, and what arrives meanwhile is held back, so an
   * alert raised during a reconnect is neither missed nor sent twice.
   */
  async stream(principal: Principal, lastEventId: string | undefined, res: Response): Promise<void> {
    const audience = alertAudience(principal);
    let held: AlertMessage[] | null = [];
    const stopListening = this.hub.listen((message) => {
      if (!isInAudience(audience, message)) return;
      if (held) held.push(message);
      else this.send(res, message);
    });
    const heartbeat = setInterval(() => {
      if (res.headersSent) write(res, ': heartbeat\n\n');
    }, HEARTBEAT_MS);
    heartbeat.unref();
    this.open.add(res);
    // Also fires when the replay fails and the error filter has answered instead.
    res.on('close', () => {
      clearInterval(heartbeat);
      stopListening();
      this.open.delete(res);
    });

    const missed = await this.replay.after(lastEventId, audience);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    write(res, `retry: ${RETRY_MS}\n\n`);
    const replayed = new Set(missed.map((message) => message.id));
    for (const message of missed) this.send(res, message);
    for (const message of held.filter((m) => !replayed.has(m.id))) this.send(res, message);
    held = null;
  }

  /** Open streams would keep the HTTP server from closing. */
  beforeApplicationShutdown(): void {
    for (const res of this.open) res.end();
  }

  private send(res: Response, message: AlertMessage): void {
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      res.end();
      return;
    }
    write(res, `id: ${message.id}\nevent: alert\ndata: ${JSON.stringify(message)}\n\n`);
  }
}

function write(res: Response, chunk: string): void {
  if (!res.writableEnded) res.write(chunk);
}
