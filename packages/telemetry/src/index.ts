// Telemetry of the engine: the pino logger factory, log rotation and the Prometheus metrics registry.
export { componentLogger, createLogger } from './create-logger.js';
export type { LogLevel, Logger, LoggerOptions } from './create-logger.js';
export { redactDsn } from './redact-dsn.js';
export { rotateLogFile } from './rotate-log-file.js';
export type { RotateOptions } from './rotate-log-file.js';
export { createMetrics } from './create-metrics.js';
export type { HttpRequestObservation, Metrics, RenderedMetrics } from './create-metrics.js';
