import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { API_SCHEMAS, apiJsonSchemas, apiRegistry } from '../src/index.js';

// Every `type X =` of api.md.
const API_MD_TYPES = [
  'ErrorResponse',
  'HealthResponse',
  'ShutdownRequest',
  'ShutdownAccepted',
  'EngineInfo',
  'PrepareJobRequest',
  'PrepareJobAccepted',
  'JobStatus',
  'PrepareJobEntry',
  'PrepareJobStatus',
  'PrepareJobResult',
  'PrepareJobEvent',
  'TaskStatus',
  'TaskEntry',
  'TaskInput',
  'PlanTask',
  'InstanceEntry',
  'StateEntry',
  'NameEntry',
  'BlockReason',
  'DeleteNode',
  'DeleteResult',
  'RunRequest',
  'RunStep',
  'RunEvent',
  'CacheStatus',
  'CacheEvictionSummary',
  'CacheExplainPrepareResponse',
  'ConfigValue',
  'ConfigSetRequest',
];

describe('apiRegistry', () => {
  test('holds every api.md type, ErrorCode and the reset body, under its own name', () => {
    expect(Object.keys(API_SCHEMAS).sort()).toEqual([...API_MD_TYPES, 'ErrorCode', 'ResetRequest'].sort());
    for (const [name, schema] of Object.entries(API_SCHEMAS)) expect(apiRegistry.get(schema)).toEqual({ id: name });
  });
});

describe('apiJsonSchemas', () => {
  test('converts every schema in both directions without throwing', () => {
    const output = apiJsonSchemas();
    const input = apiJsonSchemas({ io: 'input' });
    expect(Object.keys(output).sort()).toEqual(Object.keys(API_SCHEMAS).sort());
    expect(Object.keys(input).sort()).toEqual(Object.keys(API_SCHEMAS).sort());
  });

  test('references named schemas as OpenAPI components, recursion included', () => {
    const { DeleteResult, DeleteNode } = apiJsonSchemas();
    expect(DeleteResult).toEqual({
      type: 'object',
      properties: {
        dry_run: { type: 'boolean' },
        outcome: { type: 'string', enum: ['deleted', 'would_delete', 'blocked'] },
        root: { $ref: '#/components/schemas/DeleteNode' },
      },
      required: ['dry_run', 'outcome', 'root'],
      additionalProperties: false,
    });
    expect((DeleteNode.properties as Record<string, unknown>).children).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/DeleteNode' },
    });
  });

  test('marks extensions and keeps nullable fields required', () => {
    const { PrepareJobRequest, HealthResponse, EngineInfo, PrepareJobEntry } = apiJsonSchemas({ io: 'input', uri: (id) => `#/$defs/${id}` });
    const request = PrepareJobRequest.properties as Record<string, Record<string, unknown>>;
    expect(request.name?.['x-sqlrs-extension']).toBe(true);
    expect(request.psql_args?.['x-sqlrs-extension']).toBeUndefined();
    expect(PrepareJobRequest.required).toEqual(['prepare_kind', 'image_id']);
    expect(PrepareJobRequest.additionalProperties).toBe(false);
    expect((HealthResponse.properties as Record<string, Record<string, unknown>>).startedAt?.['x-sqlrs-extension']).toBe(true);
    expect(EngineInfo['x-sqlrs-extension']).toBe(true);
    expect(PrepareJobEntry.required).toContain('resolved_image_id');
  });

  test('the single-schema conversion of zod works too', () => {
    expect(() => z.toJSONSchema(API_SCHEMAS.DeleteResult)).not.toThrow();
    expect(() => z.toJSONSchema(API_SCHEMAS.PrepareJobRequest, { io: 'input' })).not.toThrow();
  });
});
