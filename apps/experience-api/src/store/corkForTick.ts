import type pg from 'pg';

const corked = new WeakSet<object>();

/**
 * Holds the connection's socket writes until the current tick ends, so that the statements
 * written together (pipelined) leave in one system call instead of one each; a write per
 * statement costs more than the statement itself for small requests. A no-op on a driver
 * without a corkable socket.
 *
 * @example
 * corkForTick(client);
 * client.query('SAVEPOINT work');
 * client.query({ name, text, values }); // both leave with one writev after this tick
 */
export function corkForTick(client: pg.ClientBase): void {
  const stream = (client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } })
    .connection?.stream;
  if (!stream?.cork || !stream.uncork || corked.has(stream)) return;
  corked.add(stream);
  stream.cork();
  process.nextTick(() => {
    corked.delete(stream);
    stream.uncork?.();
  });
}
