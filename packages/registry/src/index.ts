// Lookup rules of the engine API: instance id vs name, redirects for names.
export type { InstanceLookup } from './instance-lookup.js';
export { resolveInstanceRef, resolveRunTarget } from './resolve-instance-ref.js';
export type { InstanceRefResolution } from './resolve-instance-ref.js';
export { instanceRedirectLocation } from './instance-redirect.js';
