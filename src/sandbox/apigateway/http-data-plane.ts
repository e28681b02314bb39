import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from '../context.ts';

export async function handleHttpApiRequest(_ctx: SandboxContext, _req: IncomingMessage, res: ServerResponse, _apiId: string, _path: string): Promise<void> {
  const body = JSON.stringify({ message: 'Not Found' });
  res.writeHead(404, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
