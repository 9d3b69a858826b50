import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { startEmbeddedSocketServer, type EmbeddedSocketServer } from '../../src/db/embedded-socket/embedded-socket-server';
import { until } from '../support/until';

/**
 * The socket on which `serve` shares its embedded PGlite with commands: real `pg` clients against a
 * real PGlite, used meanwhile by its host as serve uses it. Whatever a client does, the host's own
 * queries never land inside the client's transaction (nor the client's in the host's), and a client
 * that dies or dawdles inside a transaction leaves nothing held.
 */
describe('embedded database socket', () => {
  let pg: PGlite;
  let server: EmbeddedSocketServer;
  let dir: string;
  const ended: Array<{ reason: string; abnormal: boolean }> = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    pg = new PGlite();
    await pg.exec('create table items (id int primary key, source text not null)');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-socket-'));
    server = await startEmbeddedSocketServer(pg, path.join(dir, '.s.PGSQL.5432'), { maxHoldMs: 500, onSessionEnded: (e) => ended.push(e) });
  });
  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
    await server.close();
    await pg.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await pg.exec('delete from items');
  });

  async function connect(): Promise<Client> {
    const client = new Client({ host: dir, port: 5432, user: 'postgres', database: 'postgres' });
    client.on('error', () => undefined); // a session the server ends: the pending query fails instead
    await client.connect();
    clients.push(client);
    return client;
  }
  const sources = async () => (await pg.query<{ source: string }>('select source from items order by id')).rows.map((r) => r.source);

  it('answers queries, parameters and named prepared statements, and a second connection may prepare the same name once the first is gone', async () => {
    const a = await connect();
    expect((await a.query('select $1::int + 1 as n', [41])).rows).toEqual([{ n: 42 }]);
    await a.query({ name: 'add-item', text: 'insert into items values ($1, $2)', values: [1, 'a'] });
    await a.end();
    const b = await connect();
    await b.query({ name: 'add-item', text: 'insert into items values ($1, $2)', values: [2, 'b'] });
    expect(await sources()).toEqual(['a', 'b']);
  });

  it("the host's queries wait for a client's transaction and never join it", async () => {
    const client = await connect();
    await client.query('begin');
    await client.query("insert into items values (1, 'client')");
    let hostDone = false;
    const host = pg.query("insert into items values (2, 'host')").then(() => (hostDone = true));
    await client.query("insert into items values (3, 'client')");
    expect(hostDone).toBe(false);
    await client.query('rollback');
    await host;
    // Rolled back: the client's rows only; the host's row was written after, in its own transaction.
    expect(await sources()).toEqual(['host']);
  });

  it("a client's statements wait for the host's transaction and never join it", async () => {
    const client = await connect();
    let release!: () => void;
    const hostTx = pg.transaction(async (tx) => {
      await tx.query("insert into items values (1, 'host')");
      await new Promise<void>((resolve) => (release = resolve));
      await tx.rollback();
    });
    await until(() => release, 'the host transaction to start');
    let clientDone = false;
    const clientInsert = client.query("insert into items values (2, 'client')").then(() => (clientDone = true));
    // Time for the client's message to reach the server (too little only makes this check weaker);
    // the row count after the host's rollback is what proves the insert did not join its transaction.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(clientDone).toBe(false);
    release();
    await hostTx.catch(() => undefined);
    await clientInsert;
    expect(await sources()).toEqual(['client']);
  });

  it('a client that disconnects inside a transaction leaves nothing held: rolled back, the host goes on', async () => {
    const client = await connect();
    await client.query('begin');
    await client.query("insert into items values (1, 'client')");
    const endedBefore = ended.length;
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy(); // killed, no goodbye
    await pg.query("insert into items values (2, 'host')");
    expect(await sources()).toEqual(['host']);
    expect(pg.isInTransaction()).toBe(false);
    await until(() => ended.length > endedBefore, 'the session to end');
    expect(ended.at(-1)).toEqual({ reason: 'the client disconnected without ending its session', abnormal: true });
  });

  it('a client that keeps the database longer than maxHoldMs is rolled back and disconnected, with a message saying why', async () => {
    const client = await connect();
    const told: string[] = [];
    client.on('error', (e) => told.push(e.message));
    await client.query('begin');
    await client.query("insert into items values (1, 'client')");
    // The host waits behind the open transaction until the server ends it.
    await pg.query("insert into items values (2, 'host')");
    expect(await sources()).toEqual(['host']);
    // pg hands the server's reason to the next query (or to an 'error' event when none comes).
    const commit = await client.query('commit').then(() => 'committed', (e: Error) => e.message);
    expect([commit, ...told].join('\n')).toMatch(/ended this session: it kept the embedded database to itself for more than 500 ms.*rolled back/);
    expect(ended.at(-1)).toMatchObject({ reason: 'held the database for more than 500 ms', abnormal: true });
  });

  it('closing ends every session, rolling back its transaction, and removes the socket file', async () => {
    const other = fs.mkdtempSync(path.join(dir, 'other-'));
    const extra = await startEmbeddedSocketServer(pg, path.join(other, '.s.PGSQL.5433'), { maxHoldMs: 60_000 });
    const client = new Client({ host: other, port: 5433, user: 'postgres', database: 'postgres' });
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    await client.query('begin');
    await client.query("insert into items values (1, 'client')");
    await extra.close();
    expect(fs.existsSync(path.join(other, '.s.PGSQL.5433'))).toBe(false);
    await expect(client.query('commit')).rejects.toThrow();
    expect(pg.isInTransaction()).toBe(false);
    expect(await sources()).toEqual([]);
  });
});
