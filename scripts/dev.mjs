// `npm run dev`: rebuilds the server and the web app on every change and restarts the server.
// The web app is served by the vault itself (same origin, same CSP, same eID redirect and WebAuthn
// origin as `npm start`), so there is no second dev origin to configure.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const children = [];
// The demo city service and its request for Maria Rossi, as with `npm start` (VAULT_DEMO=false: none).
const env = { ...process.env, VAULT_DEMO: process.env.VAULT_DEMO ?? 'true' };
const run = (cmd, args) => {
  const child = spawn(cmd, args, { stdio: 'inherit', env });
  children.push(child);
  return child;
};
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// One full build first, so the server has something to run and serve.
const first = spawn('npm', ['run', 'build'], { stdio: 'inherit' });
first.on('exit', (code) => {
  if (code !== 0) process.exit(code ?? 1);
  run('npx', ['tsc', '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput']);
  run('npx', ['vite', 'build', '--watch', '--config', 'web/vite.config.ts']);
  if (!fs.existsSync('dist/server/src/main.js')) throw new Error('server build missing');
  run('node', ['--watch-path=dist/server', '--watch-path=dist/crypto', 'dist/server/src/main.js']);
});
