import { nameProblem } from '@sqlrs/id';
import { z } from 'zod';

/** Error map for strict request objects: names unknown fields in the issue message. */
export const reportUnknownFields: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}` : undefined;

/** The JSON Schema keyword that marks an sqlrs addition to the upstream API (api.md tag "ext"). */
export const EXTENSION_KEYWORD = 'x-sqlrs-extension';

/** Returns a copy of `schema` marked with `x-sqlrs-extension: true` in generated JSON Schema. */
export function extension<T extends z.ZodType>(schema: T): T {
  return schema.meta({ [EXTENSION_KEYWORD]: true });
}

/** An RFC 3339 UTC timestamp with milliseconds, as `Date.toISOString()` writes it (api.md §1.6). */
export const Timestamp = z.iso.datetime({ precision: 3 });

/** A job, instance, engine or store id: 32 lowercase hex characters. */
export const RandomId = z.string().regex(/^[0-9a-f]{32}$/, 'expected 32 lowercase hex characters');

/** A content-addressed id (state id, signature, task hash): 64 lowercase hex characters. */
export const StateId = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters');

/** An instance name (api.md §1.6): grammar checked by `@sqlrs/id`. */
export const Name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, { abort: true, message: `invalid name: ${nameProblem('')}` })
  .superRefine((value, ctx) => {
    const problem = nameProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `invalid name: ${problem}` });
  });

/** How a prepare job builds states: psql scripts or a Liquibase changelog. */
export const PrepareKind = z.enum(['psql', 'lb']);
/** The literal union of prepare kinds. */
export type PrepareKind = z.infer<typeof PrepareKind>;

/** A non-negative safe integer (counts, byte sizes). */
export const Count = z.int().min(0);

/** A TCP port number. */
export const Port = z.int().min(1).max(65535);

/** Largest TTL in seconds (30 days); 0 means "never expires" (api.md §4.1). */
export const MAX_TTL_SECONDS = 2_592_000;

/** An instance TTL in seconds: 0 = never, else 1..2592000. */
export const TtlSeconds = z
  .int('expected an integer number of seconds')
  .min(0, 'expected 0 (never expires) or 1..2592000 seconds')
  .max(MAX_TTL_SECONDS, 'expected 0 (never expires) or 1..2592000 seconds');

/** Trims string inputs and leaves anything else for the inner schema to reject. */
export function trimString(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

/** Lowercases string inputs and leaves anything else for the inner schema to reject. */
export function lowerString(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/** Length of a string in UTF-8 bytes, without needing TextEncoder. */
export function utf8Length(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
