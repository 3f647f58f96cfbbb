// Validates responses against the OpenAPI document the engine serves (api.md §3.3).
import * as ajvModule from 'ajv/dist/2020.js';

type Json = Record<string, any>;
type AjvCtor = new (o: object) => {
  addSchema(schema: object, key: string): void;
  validate(ref: object, data: unknown): boolean;
  errorsText(errors?: unknown): string;
  errors?: unknown;
};
const Ajv2020 = ((ajvModule as unknown as { default?: AjvCtor }).default ?? ajvModule) as unknown as AjvCtor;

export class OpenApiValidator {
  private readonly ajv: InstanceType<AjvCtor>;

  constructor(private readonly doc: Json) {
    this.ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    this.ajv.addSchema(doc, 'openapi.json');
  }

  /** Every (method, path template) the document lists. */
  operations(): { method: string; path: string }[] {
    return Object.entries(this.doc.paths as Json).flatMap(([path, ops]) =>
      Object.keys(ops as Json).map((method) => ({ method: method.toUpperCase(), path })),
    );
  }

  /** The JSON Schema a response of this operation and status must match, if documented. */
  responseSchema(method: string, path: string, status: number): Json | undefined {
    const op = this.doc.paths?.[path]?.[method.toLowerCase()];
    const response = op?.responses?.[String(status)];
    return response?.content?.['application/json']?.schema ?? response?.content?.['application/x-ndjson']?.schema;
  }

  /** Throws unless `body` matches the documented schema of `status` (which must be documented). */
  check(method: string, path: string, status: number, body: unknown): void {
    const schema = this.responseSchema(method, path, status);
    if (schema === undefined) throw new Error(`${method} ${path} does not document a JSON ${status} response`);
    const ref = schema.$ref ? { $ref: `openapi.json${schema.$ref}` } : this.rebase(schema);
    if (!this.ajv.validate(ref, body)) {
      throw new Error(`${method} ${path} ${status}: ${this.ajv.errorsText(this.ajv.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
    }
  }

  /** Inline schemas (arrays of refs) point into the document. */
  private rebase(schema: Json): Json {
    return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/')) as Json;
  }
}
