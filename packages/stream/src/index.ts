// NDJSON writing and reading, and the `Range: events=` rules of the job events stream.
export { NdjsonWriter, ndjsonLine } from './ndjson-writer.js';
export type { NdjsonSink } from './ndjson-writer.js';
export { readNdjson } from './read-ndjson.js';
export { parseEventRange, resolveEventRange } from './event-range.js';
export type { EventLogExtent, EventRange, EventRangeResolution } from './event-range.js';
