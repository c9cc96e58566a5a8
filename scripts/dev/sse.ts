/** Server-Sent Events: the open preview tabs, each told when a rebuild has finished. */
import type { ServerResponse } from 'node:http';

/** The set of connected event streams. */
export class EventHub {
  private readonly clients = new Set<ServerResponse>();

  /** Turns `res` into an event stream and sends it `hello` with the current state. */
  connect(res: ServerResponse, hello: unknown): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    // Tabs reconnect quickly after a restart of the server.
    res.write('retry: 500\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    send(res, 'hello', hello);
  }

  /** Sends one event to every connected tab. */
  broadcast(event: string, data: unknown): void {
    for (const res of this.clients) send(res, event, data);
  }

  /** Ends every stream, so the server can close. */
  close(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}

/** Writes one event in the wire format. */
function send(res: ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
