import { resolve } from 'node:path';
import { ensureSiteBuilt } from '../server/site-build.ts';
import { startServer } from '../server/server.ts';

const USAGE = `usage: labbook <command>

commands:
  start        build the site if needed and serve it (PORT, default 4321; HOST, default 127.0.0.1)`;

const ROOT = resolve(import.meta.dirname, '../..');

async function start(): Promise<void> {
  const siteDir = await ensureSiteBuilt(ROOT);
  const running = await startServer({
    siteDir,
    port: Number(process.env.PORT ?? 4321),
    host: process.env.HOST ?? '127.0.0.1',
  });
  console.log(`labbook is running at ${running.url}`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const [command] = process.argv.slice(2);
switch (command) {
  case 'start':
    await start();
    break;
  default:
    console.error(USAGE);
    process.exitCode = command === undefined || command === '--help' ? 0 : 2;
}
