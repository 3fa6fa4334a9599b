// Serves a build (dist/) on 127.0.0.1 for scripts/bench-page.sh, as a static host does:
// HTTP/1.1 keep-alive, TCP_NODELAY, the right MIME types, files read once. Python's
// http.server (HTTP/1.0, a connection per file, headers and body written separately, so that
// Nagle's algorithm and the browser's delayed ACK can hold a small file back ≈ 40 ms) made the
// page's load measure the server. Usage: node scripts/bench-page.serve.mjs DIR PORT
import http from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join, extname, resolve, sep } from 'node:path';

const dir = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 8092);
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.yaml': 'text/yaml',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
};
const files = new Map();
function read(path) {
  if (!files.has(path)) {
    try {
      files.set(path, statSync(path).isFile() ? readFileSync(path) : null);
    } catch {
      files.set(path, null);
    }
  }
  return files.get(path);
}
const server = http.createServer({ noDelay: true, keepAlive: true }, (req, res) => {
  let path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  if (path.endsWith('/')) path += 'index.html';
  const file = join(dir, path);
  const body = file.startsWith(dir + sep) ? read(file) : null;
  if (!body) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-cache' });
  res.end(req.method === 'HEAD' ? undefined : body);
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1');
