// The layering of DESIGN.md §2, checked on every `npm run lint` (and so in CI).
// A module imports only from the modules listed for it; across modules only through `index.ts`.
const layers = {
  crypto: [],
  log: ['crypto'],
  model: ['crypto'],
  custody: ['model', 'crypto'],
  credentials: ['model', 'crypto'],
  interop: ['model', 'crypto'],
  compliance: ['model', 'custody', 'credentials', 'crypto'],
  risk: ['model', 'custody', 'compliance', 'crypto'],
  federation: ['log', 'crypto'],
  pricing: ['model', 'custody', 'crypto'],
  store: ['log', 'model', 'custody', 'credentials', 'federation', 'crypto'],
  service: [
    'store',
    'log',
    'model',
    'crypto',
    'custody',
    'credentials',
    'interop',
    'compliance',
    'risk',
    'federation',
    'pricing',
  ],
  api: ['service', 'model', 'log', 'crypto'],
  cli: ['service', 'model', 'log', 'crypto'],
};

const layerRules = Object.entries(layers).map(([mod, allowed]) => ({
  name: `layer-${mod}`,
  comment: `${mod} may import only: ${allowed.join(', ') || 'nothing'} (and errors.ts)`,
  severity: 'error',
  from: { path: `^src/${mod}/` },
  to: {
    path: '^src/',
    pathNot: [`^src/${mod}/`, '^src/errors\\.ts$', ...allowed.map((m) => `^src/${m}/`)],
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'errors-imports-nothing',
      severity: 'error',
      from: { path: '^src/errors\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'only-through-index',
      comment: 'Another module is reached only through its index.ts.',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'no-unknown-module',
      comment: 'Every folder under src/ must be a module named in DESIGN.md §2 (add it to the layers table).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/[^/]+/', pathNot: [`^src/(${Object.keys(layers).join('|')})/`] },
    },
    {
      name: 'web-over-http-only',
      comment: 'The dashboard (web/, DESIGN.md §2 L7) talks to the node over HTTP: it never imports src/.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/' },
    },
    {
      name: 'web-in-the-browser',
      comment: 'The dashboard runs in a browser: no Node.js built-in modules.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
