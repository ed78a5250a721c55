import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStream } from '../../local/console/event-stream.js';
import { eventually } from './console-api-client.js';

/** GET /api/events' stream on a server of its own: what every client hears, and who is dropped. */
describe('the console’s event stream', () => {
  let server: Server | undefined;
  let stream: EventStream | undefined;
  afterEach(async () => {
    stream?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  const serve = async (pingMs: number) => {
    stream = new EventStream(pingMs);
    const events = stream;
    server = createServer((_, response) => events.add(response));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };
  const listen = (port: number) => {
    let text = '';
    const req = request({ host: '127.0.0.1', port, path: '/' }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
    });
    req.on('error', () => undefined);
    req.end();
    return { text: () => text, leave: () => req.destroy() };
  };

  it('sends each event as a data line of JSON, pings, and drops a client that left', async () => {
    // Prepare: a short ping, so that the test hears one
    const port = await serve(20);
    const staying = listen(port);
    const leaving = listen(port);
    await eventually(async () => (stream?.size === 2 ? true : undefined), 'two clients');

    // Act
    leaving.leave();
    await eventually(async () => (stream?.size === 1 ? true : undefined), 'one client left');
    stream?.send({ type: 'filed', sourceKey: '학생명부_20250901.csv', table: '학생명부' });
    await eventually(
      async () =>
        staying.text().includes(': ping\n\n') && staying.text().includes('data:')
          ? true
          : undefined,
      'a ping and the event',
    );

    // Assess
    expect(staying.text()).toMatch(/^: connected\n\n/);
    expect(staying.text()).toContain(
      'data: {"type":"filed","sourceKey":"학생명부_20250901.csv","table":"학생명부"}\n\n',
    );
    expect(stream?.size).toBe(1);
  });
});
