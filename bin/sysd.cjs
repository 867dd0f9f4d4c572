#!/usr/bin/env node
// The sysd command line. The bundle is built by `npm run build` (esbuild.mjs).
require('../out/cli/main.cjs');
