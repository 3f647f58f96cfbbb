import { z } from 'zod';
import { durationString } from './duration-schema.js';
import { TtlSeconds, extension, lowerString } from './primitives.js';

const COUNT = 'expected an integer >= 0 or null';
const optionalCount = z.int(COUNT).min(0, COUNT).nullable();
const PORT = 'ports must be integers in 1024..65535';
const port = z.int(PORT).min(1024, PORT).max(65535, PORT);

const IMAGE_REF = /^\S{1,512}$/;
const GUC_NAME = /^[A-Za-z_][A-Za-z0-9_$.]*$/;
const USER_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;

const logLevel = z.preprocess(
  lowerString,
  z.enum(['debug', 'info', 'warn', 'error'], { error: 'expected debug, info, warn or error' }),
);

const snapshotBackend = z.enum(['auto', 'btrfs', 'reflink', 'copy'], {
  error: (issue) =>
    issue.input === 'overlay'
      ? 'the overlay backend is not supported; use auto, btrfs, reflink or copy'
      : 'expected auto, btrfs, reflink or copy',
});

const portRange = z
  .tuple([port, port], { error: 'expected [low, high]' })
  .refine(([low, high]) => low <= high, 'expected [low, high] with low <= high');

const absolutePath = z.string().regex(/^\//, 'expected an absolute path');

/** The config object without its cross-field rules; its nesting mirrors the dotted keys of api.md §8. */
export const EngineConfigShape = z.strictObject({
  log: z.strictObject({ level: logLevel }),
  runtime: z.strictObject({
    kind: extension(z.enum(['auto', 'docker', 'process'], { error: 'expected auto, docker or process' })),
    docker: z.strictObject({
      network: extension(z.enum(['auto', 'host', 'bridge'], { error: 'expected auto, host or bridge' })),
      memoryBytes: extension(optionalCount),
      nanoCpus: extension(optionalCount),
    }),
    process: z.strictObject({
      binDir: extension(absolutePath.nullable()),
      user: extension(z.string().regex(USER_NAME, 'expected a user name such as postgres')),
    }),
    portRange: extension(portRange),
  }),
  snapshot: z.strictObject({ backend: snapshotBackend }),
  orchestrator: z.strictObject({
    jobs: z.strictObject({
      maxIdentical: optionalCount,
      maxConcurrent: extension(z.int().min(1, 'expected 1..32').max(32, 'expected 1..32')),
      timeout: extension(durationString({ min: '1ms' })),
    }),
  }),
  cache: z.strictObject({
    capacity: z.strictObject({
      maxBytes: optionalCount,
      reserveBytes: optionalCount,
      highWatermark: z.number().gt(0, 'expected a fraction in (0, 1]').lte(1, 'expected a fraction in (0, 1]'),
      lowWatermark: z.number().gt(0, 'expected a fraction in (0, 1)').lt(1, 'expected a fraction in (0, 1)'),
      minStateAge: durationString({ min: '0s' }),
    }),
  }),
  instances: z.strictObject({
    defaultTtlSeconds: extension(TtlSeconds.nullable()),
    expiredRetention: extension(durationString({ min: '0s' })),
  }),
  events: z.strictObject({ heartbeatInterval: extension(durationString({ min: '200ms', max: '5s' })) }),
  prepare: z.strictObject({ statementTimeout: extension(durationString({ min: '0s' })) }),
  build: z.strictObject({
    serverSettings: extension(
      z.record(z.string().regex(GUC_NAME, 'expected a PostgreSQL setting name such as work_mem'), z.string()),
    ),
  }),
  liquibase: z.strictObject({
    exec: extension(z.string().min(1, 'expected a non-empty executable path or name').nullable()),
    image: extension(
      z.string().regex(IMAGE_REF, 'expected an image reference of 1-512 characters without whitespace').nullable(),
    ),
  }),
});

/** Checks rules between keys (lowWatermark < highWatermark) on a complete, effective config. */
export function checkConfigRules(config: z.infer<typeof EngineConfigShape>, ctx: z.RefinementCtx): void {
  const { highWatermark, lowWatermark } = config.cache.capacity;
  if (lowWatermark >= highWatermark) {
    ctx.addIssue({
      code: 'custom',
      path: ['cache', 'capacity', 'lowWatermark'],
      message: `lowWatermark must be below highWatermark (${highWatermark})`,
    });
  }
}

/** The complete, effective engine config (api.md §8): a closed key set with per-key and cross-key rules. */
export const EngineConfig = EngineConfigShape.superRefine(checkConfigRules);
/** The effective engine config. */
export type EngineConfig = z.infer<typeof EngineConfig>;
