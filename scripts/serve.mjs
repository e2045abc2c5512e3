// A small static server for the demo page and the package: serves files
// under the repository root only, with the .wasm MIME type and the COOP/COEP
// headers that cross-origin isolation (SharedArrayBuffer, threads) needs.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8', '.png': 'image/png',
};

/** Maps a URL path to a file under `root`, or null for anything outside it. */
export function resolvePath(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]/).includes('..')) return null;
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root + sep)) return null;
  return file;
}

function statOrNull(file) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

/** Starts the server; resolves with it once it listens. */
export function serve({ root, port = 8080, host = '127.0.0.1', home = '/web/', isolate = true }) {
  // isolate: false serves without COOP/COEP, as a host that knows nothing of
  // them would (no SharedArrayBuffer: the thread pool falls back to the loop).
  const isolation = isolate ? {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
  } : {};
  const server = createServer((req, res) => {
    const headers = { ...isolation, 'Cache-Control': 'no-store' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    if (req.url === '/') {
      res.writeHead(302, { ...headers, Location: home }).end();
      return;
    }
    let file = resolvePath(root, req.url);
    if (file === null) {
      res.writeHead(403, headers).end('forbidden');
      return;
    }
    let stat = statOrNull(file);
    if (stat?.isDirectory()) {
      file = join(file, 'index.html');
      stat = statOrNull(file);
    }
    if (!stat?.isFile()) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': stat.size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--port');
  const port = at > 0 ? Number(process.argv[at + 1]) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('serve: --port takes a number from 0 to 65535');
    process.exit(2);
  }
  const root = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
  const server = await serve({ root, port });
  console.log(`serving ${root} at http://127.0.0.1:${server.address().port}/`);
}
