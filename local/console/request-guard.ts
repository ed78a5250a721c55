import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { CONSOLE_TOKEN_HEADER } from './console-api.js';
import { ConsoleRequestRefused } from './console-errors.js';

/**
 * Refuses what a web page elsewhere could send: a Host other than the console's own (DNS
 * rebinding: evil.example resolving to 127.0.0.1), an Origin or a Sec-Fetch-Site other than
 * its own (a page in another tab), and a POST without the per-start token or with a body a form can send
 * without a CORS preflight (anything but application/json). Throws ConsoleRequestRefused.
 */
export function guardRequest(request: IncomingMessage, port: number, token: string): void {
  const own = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const host = request.headers.host ?? '';
  if (!own.has(host.toLowerCase())) {
    throw new ConsoleRequestRefused(`Host ${host || '(none)'} is not this console's`);
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !ownOrigin(origin, own)) {
    throw new ConsoleRequestRefused(`Origin ${origin} is not this console's`);
  }
  // A browser sends no Origin on a cross-origin GET (an <img>, a no-cors fetch) but does say
  // where it comes from in Sec-Fetch-Site; a page on another loopback port is `same-site`.
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    throw new ConsoleRequestRefused(`a request from another site (Sec-Fetch-Site: ${site})`);
  }
  if (request.method !== 'POST') return;
  const sent = request.headers[CONSOLE_TOKEN_HEADER];
  if (typeof sent !== 'string' || !sameToken(sent, token)) {
    throw new ConsoleRequestRefused(`a POST needs this console's token in ${CONSOLE_TOKEN_HEADER}`);
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ConsoleRequestRefused('a POST needs Content-Type: application/json');
  }
}

function ownOrigin(origin: string, own: Set<string>): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && own.has(url.host.toLowerCase()) && url.origin === origin;
  } catch {
    // `null` (a sandboxed frame, a file: page) and anything unparsable are not the console.
    return false;
  }
}

/** In constant time, so the token cannot be guessed byte by byte from answer times. */
function sameToken(sent: string, token: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
