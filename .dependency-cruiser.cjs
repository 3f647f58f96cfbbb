// The package graph of shared/design/architecture.md, enforced. This object is the one
// machine-readable copy of the allowed graph: `pnpm test` fails when code breaks it.
// Keys are package directories; values list the workspace packages each may import.
// `errors` is allowed everywhere and therefore not listed. Entries under `typesOnly` may be
// imported with `import type` only; entries under `testImports` only from the package's test/
// files (integration tests that run against the real SQLite store).
const ALL = '*';
const graph = {
  'apps/sqlrs-engine': { imports: ALL },
  'apps/sqlrs': { imports: ['client', 'contract', 'id', 'stream'] },
  httpapi: {
    imports: ['contract', 'auth', 'prepare', 'instances', 'deletion', 'registry', 'conntrack', 'stream', 'store', 'id', 'telemetry'],
  },
  prepare: {
    imports: ['contract', 'store', 'id', 'statefs', 'snapshot', 'runtime', 'liquibase', 'instances', 'telemetry'],
    testImports: ['store-sqlite'],
  },
  deletion: { imports: ['store', 'id', 'statefs', 'snapshot', 'runtime', 'conntrack', 'instances', 'telemetry'] },
  instances: {
    imports: ['contract', 'store', 'id', 'statefs', 'snapshot', 'runtime', 'conntrack', 'telemetry'],
    testImports: ['store-sqlite'],
  },
  liquibase: { imports: ['runtime'], typesOnly: ['telemetry'] },
  registry: { imports: ['store', 'id'], typesOnly: ['telemetry'] },
  conntrack: { imports: ['id'], typesOnly: ['store', 'telemetry'] },
  snapshot: { imports: ['statefs'], typesOnly: ['telemetry'] },
  runtime: { imports: ['statefs'], typesOnly: ['telemetry'] },
  statefs: { imports: ['contract', 'id'], typesOnly: ['telemetry'] },
  'store-sqlite': { imports: ['store', 'id'], typesOnly: ['telemetry'] },
  store: { imports: ['id'] },
  client: { imports: ['contract', 'id', 'stream'] },
  contract: { imports: ['id'] },
  auth: { imports: [] },
  stream: { imports: [] },
  telemetry: { imports: [] },
  id: { imports: [] },
  errors: { imports: [] },
};

const dirOf = (name) => (name.startsWith('apps/') ? name : `packages/${name}`);
const alt = (names) => names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

// A package may reach another one only through its public entries (src/index.ts, src/testing.ts).
const PUBLIC_ENTRY = '^packages/[^/]+/src/(index|testing)\\.ts$';

const graphRules = Object.entries(graph)
  .filter(([, spec]) => spec.imports !== ALL)
  .flatMap(([name, spec]) => {
    const from = `^${dirOf(name)}/(src|test)/`;
    const allowed = ['errors', ...spec.imports, ...(spec.typesOnly ?? [])];
    const self = name.startsWith('apps/') ? [] : [name];
    const rules = [
      {
        name: `graph:${name}`,
        comment: `${name} may import only: ${allowed.join(', ')} (architecture.md)`,
        severity: 'error',
        from: { path: from },
        // An app's own files are not another package (only apps/sqlrs-engine was exempt before the CLI came).
        to: {
          path: '^(packages|apps)/',
          pathNot: [`^packages/(${alt([...self, ...allowed, ...(spec.testImports ?? [])])})/`, ...(name.startsWith('apps/') ? [`^${name}/`] : [])],
        },
      },
    ];
    if (spec.testImports?.length) {
      rules.push({
        name: `test-only:${name}`,
        comment: `${name} may import ${spec.testImports.join(', ')} from test/ only`,
        severity: 'error',
        from: { path: `^${dirOf(name)}/src/` },
        to: { path: `^packages/(${alt(spec.testImports)})/` },
      });
    }
    if (spec.typesOnly?.length) {
      rules.push({
        name: `types-only:${name}`,
        comment: `${name} may import ${spec.typesOnly.join(', ')} with "import type" only`,
        severity: 'error',
        from: { path: from },
        to: { path: `^packages/(${alt(spec.typesOnly)})/`, dependencyTypesNot: ['type-only'] },
      });
    }
    return rules;
  });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {

  forbidden: [
    ...graphRules,
    {
      name: 'no-deep-imports',
      comment: 'import other packages through their exports only, never their src/ internals',
      severity: 'error',
      from: { path: '^(packages|apps)/([^/]+)/' },
      to: { path: '^packages/([^/]+)/', pathNot: [PUBLIC_ENTRY, '^packages/$2/'] },
    },
    {
      name: 'no-unresolvable',
      comment: 'every import must resolve (a deep "@sqlrs/x/src/..." import does not, by design)',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-cycles',
      comment: 'no import cycles through value imports (type-only back-references erase at build time)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'di-only-in-composition-root',
      comment: 'only apps/sqlrs-engine uses the DI container',
      severity: 'error',
      from: { pathNot: '^apps/sqlrs-engine/' },
      to: { path: '(^|/)node_modules/(tsyringe|reflect-metadata)/|^(tsyringe|reflect-metadata)$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/|\\.d\\.ts$|vitest\\.config\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@sqlrs/source', 'import', 'types', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
