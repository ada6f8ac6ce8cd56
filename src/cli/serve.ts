/**
 * `rmsim serve`: the built web demo (`npm run build:web` → dist/web/) on http://127.0.0.1:PORT/,
 * from a small static file server that the browser test uses too. Only this machine can reach it;
 * it serves files under the folder and nothing else (GET and HEAD).
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { z } from 'zod';
import { RmsimError } from '../errors.js';
import type { CliIo } from './io.js';
import { numberOption, parseOptions } from './options.js';

/** Where `npm run build:web` writes the demo: dist/web/ of this package (from src/cli/ and dist/cli/ alike). */
export const DEMO_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export const HOST = '127.0.0.1';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export const serveOptionsSchema = z
  .object({
    port: z.number().int().min(0, 'must be 0 (any free port) to 65535').max(65535, 'must be 0 (any free port) to 65535').default(8080),
    dir: z.string().trim().min(1, 'is empty; name a folder').optional(),
  })
  .strict();

export interface RunningServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  port: number;
  /** the absolute folder served */
  dir: string;
  close(): Promise<void>;
}

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The file a request path names inside `root` (a folder's index.html), or null: never outside
 * `root`, also not through a symbolic link (`root` is a real path).
 */
function fileFor(root: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const inside = (p: string) => {
    const rel = relative(root, p);
    return !(rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel));
  };
  const file = resolve(root, `.${path}`);
  if (!inside(file)) return null;
  for (const candidate of [file, join(file, 'index.html')]) {
    if (!isFile(candidate)) continue;
    try {
      const real = realpathSync(candidate);
      return inside(real) ? real : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** A request's Host names this server (a page elsewhere that rebinds its name to 127.0.0.1 does not). */
const ownHost = (host: string | undefined, port: number) => host === `${HOST}:${port}` || host === `localhost:${port}`;

/**
 * Serve the files of `dir` (default the built demo) on 127.0.0.1:`port` (0: any free port). A
 * missing folder or index.html, or a port in use, is an RmsimError naming it.
 */
export async function serveFolder(options: { dir?: string; port?: number } = {}): Promise<RunningServer> {
  let root = resolve(options.dir ?? DEMO_DIR);
  const field = options.dir === undefined ? undefined : '--dir';
  if (!isFile(join(root, 'index.html'))) {
    const what = options.dir === undefined ? 'the web demo is not built' : 'has no index.html';
    throw new RmsimError('IO', `${what}: run npm run build:web first`, { file: root, field });
  }
  root = realpathSync(root);
  let bound = 0;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    const notFound = () => res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    if (!ownHost(req.headers.host, bound)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('misdirected request\n');
      return;
    }
    const file = fileFor(root, req.url ?? '/');
    let size: number;
    try {
      if (file === null) throw new Error('not found');
      size = statSync(file).size;
    } catch {
      notFound();
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
  });
  const port = options.port ?? 8080;
  await new Promise<void>((done, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE'
          ? `${port} is in use on ${HOST}; choose another with --port`
          : `cannot listen on ${HOST}:${port} (${err.code ?? err.message})`;
      fail(new RmsimError('IO', why, { field: '--port', cause: err }));
    });
    server.listen(port, HOST, () => done());
  });
  bound = (server.address() as { port: number }).port;
  return {
    url: `http://${HOST}:${bound}/`,
    port: bound,
    dir: root,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

export function serveCommand(io: CliIo): Command {
  return new Command('serve')
    .description('serve the web demo (built by npm run build:web) on http://127.0.0.1:PORT/')
    .option('--port <n>', 'the port, on 127.0.0.1 (default 8080; 0 picks a free one)', numberOption('--port'))
    .option('--dir <folder>', 'the folder to serve (default: the built demo, dist/web/ of this package)')
    .action(async (raw: Record<string, unknown>) => {
      const opts = parseOptions(serveOptionsSchema, raw);
      const server = await serveFolder(opts);
      io.stdout.write(`rmsim: serving ${server.dir} at ${server.url} (Ctrl-C stops)\n`);
      await new Promise(() => {}); // until the process is stopped
    });
}
