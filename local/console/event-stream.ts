import type { ServerResponse } from 'node:http';
import type { ConsoleEvent } from './console-api.js';

/** How often an idle stream says it is alive (proxies and browsers drop silent ones). */
export const PING_INTERVAL_MS = 15_000;

/**
 * The clients of GET /api/events: each ConsoleEvent goes to every one as a `data:` line of
 * JSON; a `: ping` comment every 15 s; a client that went away is dropped.
 */
export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private readonly ping: NodeJS.Timeout;

  constructor(pingIntervalMs = PING_INTERVAL_MS) {
    this.ping = setInterval(() => this.write(': ping\n\n'), pingIntervalMs);
    // The stack, not the console's ping, decides when the process ends.
    this.ping.unref();
  }

  /** Answers the request with the stream and keeps the response until the client leaves. */
  add(response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // The comment makes the browser's EventSource report the stream open at once.
    response.write(': connected\n\n');
    this.clients.add(response);
    const drop = () => this.clients.delete(response);
    response.on('close', drop);
    response.on('error', drop);
  }

  send(event: ConsoleEvent): void {
    this.write(`data: ${JSON.stringify(event)}\n\n`);
  }

  get size(): number {
    return this.clients.size;
  }

  /** Ends every stream (the console stops). */
  close(): void {
    clearInterval(this.ping);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private write(chunk: string): void {
    for (const client of this.clients) {
      if (client.destroyed || client.writableEnded) {
        this.clients.delete(client);
        continue;
      }
      client.write(chunk);
    }
  }
}
