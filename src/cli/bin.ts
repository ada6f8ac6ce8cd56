#!/usr/bin/env node
// The rmsim executable: the CLI (main.ts) on this process's arguments and streams.
import { processIo } from './io.js';
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), processIo(), process.env);
