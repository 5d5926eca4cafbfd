/**
 * The layers, held by dependency-cruiser in every `npm test` (`npm run lint:deps`). Paths are from the
 * repository root. docs/architecture-and-rules.md, "Where code goes", says why each rule is there.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import circle in server/ or smart-app/ makes load order matter and the layers meaningless.',
      severity: 'error',
      from: { path: '^(server|smart-app/src|rules)/' },
      to: { circular: true },
    },
    {
      name: 'rules-are-pure',
      comment: 'rules/ is the domain: no I/O, no packages, nothing of the server.',
      severity: 'error',
      from: { path: '^rules/' },
      to: { pathNot: '^rules/' },
    },
    {
      name: 'contract-imports-zod-and-rules',
      comment:
        "server/contract/ is the wire: zod, FHIR's types (@medplum/fhirtypes) and rules/ only, so the SMART app can import it.",
      severity: 'error',
      from: { path: '^server/contract/' },
      to: { pathNot: ['^server/contract/', '^rules/', '^node_modules/zod/', '^node_modules/@medplum/fhirtypes/'] },
    },
    {
      name: 'app-shared-code-below-the-features',
      comment:
        "smart-app/src/shared/ (HTTP, problems, queries, small components) serves every feature and the shell: it imports only itself and the string catalogs' language.",
      severity: 'error',
      from: { path: '^smart-app/src/shared/' },
      to: { path: '^smart-app/src/', pathNot: ['^smart-app/src/shared/', '^smart-app/src/i18n/language\\.tsx$'] },
    },
    {
      name: 'app-shell-on-top',
      comment: 'smart-app/src/app/ is the shell (routes, frame, providers): features do not import it, the demo aside.',
      severity: 'error',
      from: {
        path: '^smart-app/src/',
        pathNot: ['^smart-app/src/app/', '^smart-app/src/demo/', '^smart-app/src/main\\.tsx$'],
      },
      to: { path: '^smart-app/src/app/' },
    },
    {
      name: 'app-imports-only-the-contract',
      comment: 'The SMART app shares the wire types and nothing else of the server.',
      severity: 'error',
      from: { path: '^smart-app/' },
      to: { path: '^(server|fixtures)/', pathNot: '^server/contract/' },
    },
    {
      name: 'store-imports-no-capability',
      comment: 'All SQL lives in server/store/, which depends on the rules, the settings and the contract only.',
      severity: 'error',
      from: { path: '^server/store/' },
      to: {
        path: '^(server|fixtures|smart-app)/',
        pathNot: ['^server/store/', '^server/config\\.ts$', '^server/contract/'],
      },
    },
    {
      name: 'knex-only-in-the-store',
      comment: 'Queries are built in server/store/ only.',
      severity: 'error',
      from: { path: '^(server|rules|smart-app)/', pathNot: '^server/store/' },
      to: { path: '^node_modules/knex/' },
    },
    {
      name: 'production-imports-no-demo',
      comment:
        'The demo (server/demo/, fixtures/) is loaded only outside production, by a dynamic import in server/start/development.ts; the CLIs are development tools.',
      severity: 'error',
      from: { path: '^server/', pathNot: ['^server/demo/', '^server/cli/'] },
      to: { path: '^(fixtures|server/demo)/', dependencyTypesNot: ['dynamic-import', 'type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    // Paths as written, so a linked node_modules (a worktree) still reads as node_modules/.
    preserveSymlinks: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
      conditionNames: ['import', 'require', 'node', 'default'],
      exportsFields: ['exports'],
      mainFields: ['module', 'main', 'types'],
    },
    exclude: { path: '^(node_modules|dist|tools/lint/node_modules)/' },
  },
};
