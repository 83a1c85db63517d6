import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a loopback server. While `cutResponses` > 0, each connection forwards the request
 * whole but cuts the answer after `keepBytes` bytes and resets both sides: the server did the work, the
 * client saw half an HTTP response.
 */
export async function startCuttingProxy(target: URL, keepBytes = 40) {
  const state = { cutResponses: 0, cut: 0, connections: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    state.connections++;
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream);
    let sent = 0;
    let cutting = false;
    upstream.on('data', (chunk: Buffer) => {
      if (!cutting && sent === 0 && state.cutResponses > 0) {
        state.cutResponses--;
        state.cut++;
        cutting = true;
      }
      if (!cutting) {
        client.write(chunk);
        return;
      }
      const room = keepBytes - sent;
      if (room > 0) client.write(chunk.subarray(0, room));
      sent += chunk.length;
      client.resetAndDestroy();
      upstream.destroy();
    });
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
