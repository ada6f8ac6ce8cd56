import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { type RunningServer, serveFolder } from '../../src/cli/serve.js';
import { tempDir } from '../helpers/folders.js';

describe('rmsim serve', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = join(tempDir('rmsim-serve-'), 'site');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><p>demo</p>');
    writeFileSync(join(dir, 'assets', 'core.wasm'), new Uint8Array([0, 97, 115, 109]));
    writeFileSync(join(dir, '..', 'secret.txt'), 'outside');
    symlinkSync(join(dir, '..', 'secret.txt'), join(dir, 'link.txt'));
    symlinkSync(join(dir, 'index.html'), join(dir, 'inner.html'));
    server = await serveFolder({ dir, port: 0 });
  });
  afterAll(() => server?.close());

  it('serves the folder on 127.0.0.1 with content types, and a folder as its index.html', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('demo');
    const wasm = await fetch(`${server.url}assets/core.wasm`);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
  });

  it('answers 404 for what is missing or outside the folder, and 405 for anything but GET and HEAD', async () => {
    for (const path of ['nope.js', '..%2Fsecret.txt', '%2e%2e/secret.txt', 'assets/..%2F..%2Fsecret.txt', '%00', '%E0%A4%A']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('follows a symbolic link only to a file inside the folder', async () => {
    expect((await fetch(`${server.url}link.txt`)).status).toBe(404);
    expect(await (await fetch(`${server.url}inner.html`)).text()).toContain('demo');
  });

  it('answers only requests addressed to it (a rebound host name gets 421)', async () => {
    const status = (host: string) =>
      new Promise<number>((done, fail) => {
        const req = request({ host: '127.0.0.1', port: server.port, path: '/', headers: { host } }, (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        });
        req.on('error', fail).end();
      });
    expect(await status('evil.example')).toBe(421);
    expect(await status(`evil.example:${server.port}`)).toBe(421);
    expect(await status(`localhost:${server.port}`)).toBe(200);
    expect(await status(`127.0.0.1:${server.port}`)).toBe(200);
  });

  it('a folder without index.html, or a missing default build, is one line that says to build', async () => {
    const io = bufferIo();
    const empty = tempDir('rmsim-serve-empty-');
    expect(await main(['serve', '--dir', empty, '--port', '0'], io)).toBe(2);
    expect(io.err()).toBe(`rmsim: ${empty}: --dir: has no index.html: run npm run build:web first\n`);
    await expect(serveFolder({ dir: join(empty, 'missing') })).rejects.toThrow(/has no index\.html: run npm run build:web first$/);
  });

  it('a port in use is one line naming --port', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const port = (taken.address() as { port: number }).port;
    try {
      const io = bufferIo();
      expect(await main(['serve', '--dir', dir, '--port', String(port)], io)).toBe(2);
      expect(io.err()).toBe(`rmsim: --port: ${port} is in use on 127.0.0.1; choose another with --port\n`);
    } finally {
      taken.close();
    }
  });

  it('refuses a port outside 0–65535 and unknown options', async () => {
    for (const args of [
      ['--port', '70000'],
      ['--port', '-1'],
      ['--port', '1.5'],
    ]) {
      const io = bufferIo();
      expect(await main(['serve', ...args], io), args.join(' ')).toBe(2);
      expect(io.err()).toMatch(/^rmsim: --port: /);
    }
    const io = bufferIo();
    expect(await main(['serve', '--host', '0.0.0.0'], io)).toBe(2);
    expect(io.err()).toMatch(/^rmsim: unknown option '--host'/);
  });
});
