import { z } from 'zod';

/** The parts of the OpenAPI document the client checks; everything else is kept as sent. */
export const OpenApiDocument = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});
/** The engine's OpenAPI 3.1 document (api.md §3.3). */
export type OpenApiDocument = z.infer<typeof OpenApiDocument>;

/** A JSON object whose shape the client does not check (config, JSON Schema). */
export const JsonObject = z.record(z.string(), z.unknown());
/** A JSON object. */
export type JsonObject = z.infer<typeof JsonObject>;
