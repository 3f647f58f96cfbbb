// The command table of the CLI, in the order --help lists them.
import type { Command } from '../command.js';
import { cacheExplain, cacheStatus } from './cache.js';
import { completionCommand } from './completion.js';
import { configGet, configRm, configSet } from './config.js';
import { engineStart, engineStatus, engineStop } from './engine.js';
import { cancel, watch } from './jobs.js';
import { ls } from './ls.js';
import { planLb, planPsql } from './plan.js';
import { prepareLb, preparePsql } from './prepare.js';
import { rm } from './rm.js';
import { runPgbench, runPsql } from './run.js';
import { status } from './status.js';

/** Every command. */
export const COMMANDS: readonly Command[] = [
  preparePsql,
  prepareLb,
  planPsql,
  planLb,
  runPsql,
  runPgbench,
  ls,
  rm,
  watch,
  cancel,
  status,
  engineStart,
  engineStop,
  engineStatus,
  configGet,
  configSet,
  configRm,
  cacheStatus,
  cacheExplain,
  completionCommand(() => COMMANDS),
];
