import { connect, type Socket } from 'node:net';

/** An HTTP answer read off a raw socket. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  body: any;
  text: string;
}

/**
 * Sends bytes exactly as given (any Host, Origin or malformed header) on a new connection and
 * reads the first answer; `keepOpen` leaves the socket open after writing (a slow client).
 */
export function rawRequest(url: string, head: string, body = ''): Promise<RawAnswer> {
  return readAnswer(openSocket(url, `${head}\r\n\r\n${body}`));
}

/** A connection to the server of `url` that has written `data`. */
export function openSocket(url: string, data: string): Socket {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => {});
  if (data) socket.write(data);
  return socket;
}

/** Reads the first complete answer off a socket (by Content-Length, or until it closes). */
export function readAnswer(socket: Socket): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const tryParse = (ended: boolean) => {
      const end = buffer.indexOf('\r\n\r\n');
      if (end === -1) {
        if (ended)
          reject(new Error(`connection closed without an answer: ${JSON.stringify(buffer.toString())}`));
        return;
      }
      const [statusLine = '', ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(statusLine.split(' ')[1]);
      if (status === 100) {
        buffer = buffer.subarray(end + 4);
        tryParse(ended);
        return;
      }
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? Number.NaN);
      const rest = buffer.subarray(end + 4);
      if (Number.isNaN(length) ? !ended : rest.length < length) return;
      const text = rest.subarray(0, Number.isNaN(length) ? rest.length : length).toString('utf8');
      socket.off('data', onData);
      resolve({ status, headers, text, body: text ? JSON.parse(text) : undefined });
    };
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      tryParse(false);
    };
    socket.on('data', onData);
    socket.on('close', () => tryParse(true));
  });
}

/** Resolves when the server closes the socket. */
export function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed || socket.readyState === 'closed') resolve();
    else socket.once('close', () => resolve());
  });
}
