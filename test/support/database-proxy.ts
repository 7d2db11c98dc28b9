import net from 'node:net';

/**
 * A TCP relay to PostgreSQL that fails the ways a network or a server does: it can go silent
 * without closing anything (a dead path, a frozen VM, a firewall dropping state), or cut every
 * connection and refuse new ones (a server going down).
 */
export class DatabaseProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private silent = false;
  private down = false;

  constructor(private readonly upstreamPort: number) {
    this.server = net.createServer((client) => this.accept(client));
  }

  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () =>
        resolve((this.server.address() as net.AddressInfo).port),
      ),
    );
  }

  /** From now on nothing passes either way, and nothing is closed. */
  silence(): void {
    this.silent = true;
    for (const socket of this.sockets) {
      socket.unpipe();
      socket.pause();
    }
  }

  /** Every connection is reset, and new ones until `restore`. */
  cut(): void {
    this.down = true;
    for (const socket of this.sockets) socket.resetAndDestroy();
  }

  restore(): void {
    this.down = false;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    this.track(client);
    if (this.down) return void client.resetAndDestroy();
    if (this.silent) return void client.pause();
    const upstream = this.track(net.connect(this.upstreamPort, '127.0.0.1'));
    client.pipe(upstream);
    upstream.pipe(client);
  }

  private track(socket: net.Socket): net.Socket {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  }
}
