import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedNotification {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: any;
}

/**
 * A notification target for tests: an HTTP server on loopback that records every POST and answers
 * with the statuses it is told, in order (then 204 for the rest).
 */
export class NotificationReceiver {
  readonly received: ReceivedNotification[] = [];
  private answers: number[] = [];

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<NotificationReceiver> {
    let receiver: NotificationReceiver | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = JSON.parse(body);
        } catch {
          // kept as text: the test asserts on it
        }
        receiver!.received.push({ headers: req.headers, body, json });
        const status = receiver!.answers.shift() ?? 204;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 400 ? 'receiver says no' : '');
      });
    });
    receiver = new NotificationReceiver(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/jamf-sync`;
  }

  /** The next requests are answered with these statuses, in order. */
  answerWith(...statuses: number[]): void {
    this.answers = statuses;
  }

  reset(): void {
    this.received.length = 0;
    this.answers = [];
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
