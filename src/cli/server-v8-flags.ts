/**
 * V8 flags for labbook's long-lived processes (`labbook start`, `labbook sandbox`), given
 * where they are started: bin/labbook.js's `#!` line (npx, and npm's Windows shims, read it)
 * and `npm start` in package.json. A flag cannot be set once V8's heap exists.
 *
 * Left to V8's defaults, which follow the host's memory (64 MiB semi-spaces on a 24 GB
 * machine), the server grows a young generation of several semi-spaces under load and
 * keeps those pages resident after it shrinks back, outside what process.memoryUsage()
 * reports as the heap: after the bench's Lambda, HTTP API and WebSocket loads, 306 MiB RSS
 * against 203 MiB with 4 MiB semi-spaces (issue 13). Their CPU cost was within the noise.
 */
export const SERVER_V8_FLAGS = ['--max-semi-space-size=4'];
