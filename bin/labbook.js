#!/usr/bin/env -S node --max-semi-space-size=4
// labbook's command line: `labbook start`, `labbook build`, `labbook sandbox`, `labbook credentials`, `labbook doctor`.
// Node 22.18+ runs the TypeScript sources directly (type stripping); no build step.
import '../src/cli/main.ts';
