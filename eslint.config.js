// Layering of docs/ARCHITECTURE.md §3, enforced here (and by the per-layer tsconfigs). Each folder lists what it
// must never import; `npm run lint` runs with --max-warnings 0.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'net', 'http', 'https', 'crypto', 'child_process', 'zlib', 'stream', 'url', 'util', 'worker_threads'];
const NATIVE = ['better-sqlite3', 'node-hid', 'serialport'];
const layer = (dir) => [`**/${dir}/**`, `**/${dir}`];

function forbid(patterns, message) {
  return { group: patterns, message };
}

function restrictions(...groups) {
  return { 'no-restricted-imports': ['error', { patterns: groups }] };
}

// A regex, not a gitignore-style group: the group 'electron' would also match our own electron/ folder.
const electronOnly = { regex: '^electron(/.*)?$', message: "Only electron/main and electron/preload may import 'electron'." };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'lessons/**/*.svg', '.tram-*/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      ...restrictions(
        electronOnly,
        forbid(NODE_BUILTINS, 'electron/core is pure: no Node APIs. Inject what you need.'),
        forbid(NATIVE, 'electron/core is pure: native modules belong in electron/station.'),
        forbid(['react', 'react-dom', 'react/*', 'react-dom/*'], 'electron/core has no UI.'),
        forbid([...layer('contract'), ...layer('station'), ...layer('main'), ...layer('preload'), ...layer('web-host'), ...layer('renderer'), ...layer('city'), ...layer('tools')], 'electron/core imports only electron/core.'),
      ),
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Inject a clock into electron/core.' },
        { object: 'Math', property: 'random', message: 'Inject randomness into electron/core.' },
        { object: 'performance', property: 'now', message: 'Inject a clock into electron/core.' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Inject a clock into electron/core.' }],
    },
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: {
      ...restrictions(
        electronOnly,
        forbid(NODE_BUILTINS, 'The contract is data and types only.'),
        forbid(NATIVE, 'The contract is data and types only.'),
        forbid([...layer('station'), ...layer('main'), ...layer('preload'), ...layer('web-host'), ...layer('renderer'), ...layer('city'), ...layer('tools')], 'The contract imports only types from electron/core.'),
      ),
      // Types only from the core: the contract is shared with the renderer and must pull in no core code.
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: layer('core'), allowTypeImports: true, message: 'The contract imports only types from electron/core (use `import type`).' }] }],
    },
  },
  {
    files: ['electron/station/**/*.ts'],
    rules: restrictions(
      electronOnly,
      forbid([...layer('main'), ...layer('preload'), ...layer('web-host'), ...layer('renderer'), ...layer('city'), ...layer('tools')], 'electron/station may import only core, contract, Node and native modules.'),
    ),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: restrictions(forbid([...layer('renderer'), ...layer('city'), ...layer('web-host'), ...layer('tools')], 'The Electron shell wires station services; it does not import the renderer, the hub or the web host.')),
  },
  {
    // The preload runs in the page's process with Node: it exposes the contract and nothing else.
    files: ['electron/preload/**/*.ts'],
    rules: restrictions(
      forbid(NODE_BUILTINS, 'The preload imports only electron and the contract.'),
      forbid(NATIVE, 'The preload imports only electron and the contract.'),
      forbid([...layer('core'), ...layer('station'), ...layer('main'), ...layer('renderer'), ...layer('city'), ...layer('web-host'), ...layer('tools')], 'The preload imports only electron and the contract.'),
    ),
  },
  {
    files: ['electron/web-host/**/*.ts'],
    rules: restrictions(electronOnly, forbid([...layer('main'), ...layer('preload'), ...layer('renderer'), ...layer('city'), ...layer('tools')], 'The web host imports station and contract only.')),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrictions(
      electronOnly,
      forbid(NODE_BUILTINS, 'The renderer runs in a sandboxed page: no Node APIs.'),
      forbid(NATIVE, 'The renderer cannot load native modules.'),
      forbid([...layer('station'), ...layer('main'), ...layer('preload'), ...layer('web-host'), ...layer('city'), ...layer('tools')], 'The renderer reaches the station only through renderer/kiosk-api.ts.'),
    ),
  },
  {
    files: ['city/**/*.ts'],
    rules: restrictions(
      electronOnly,
      forbid([...layer('station'), ...layer('main'), ...layer('preload'), ...layer('web-host'), ...layer('renderer'), ...layer('contract'), ...layer('tools')], 'The city hub imports core/sync protocol code and its own modules only.'),
      // A regex: gitignore-style groups cannot re-include a folder below an excluded one.
      { regex: 'electron/core/(?!sync/protocol(/|$))', message: 'The city hub imports only electron/core/sync/protocol of the station code.' },
    ),
  },
  {
    // The `tram` router may reach station and hub (its reason to exist), never the page or the tests.
    files: ['tools/**/*.ts'],
    rules: restrictions(electronOnly, forbid([...layer('renderer'), ...layer('tests'), ...layer('main'), ...layer('preload')], 'tools/ reaches the station and the hub only: no renderer, Electron shell or tests.')),
  },
);
