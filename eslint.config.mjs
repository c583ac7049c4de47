// Lint = the house rules of ../shared/ARCHITECTURE.md made executable:
// imports point inward, the protocol and module code stay free of I/O libraries, and no import cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const IO_LIBRARIES = ['koa', '@koa/router', 'axios', 'mongoose', 'better-sqlite3', 'ioredis', 'bullmq'];
const bannedLibraries = (why) => ({
  'no-restricted-imports': ['error', { paths: IO_LIBRARIES.map((name) => ({ name, message: why })) }],
});

/** zone: files in `target` may not import from `from`. */
const zone = (target, from, message) => ({ target, from, message });

export default tseslint.config(
  { ignores: ['.scratch/**', 'dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'bin/**', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })] },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone('./src/shared', ['./src/wechat', './src/modules', './src/http', './src/store', './src/cli', './src/main.ts', './config'], 'shared/ depends on nothing else'),
            zone('./src/wechat', ['./src/modules', './src/http', './src/store', './src/cli', './src/main.ts', './src/wechat-api'], 'the protocol is pure: it imports only shared/'),
            zone('./src/modules', ['./src/http', './src/store', './src/cli', './src/main.ts', './jobs'], 'modules depend on their ports, never on adapters or the edge'),
            zone('./src/store', ['./src/http', './src/cli', './src/main.ts'], 'adapters implement module ports; they do not know the edge'),
            zone('./src/http', ['./src/store', './src/cli', './src/main.ts'], 'the HTTP edge calls module services; main.ts wires adapters'),
            zone('./src/queue', ['./src/http', './src/store', './src/cli', './src/main.ts'], 'the queue adapters run job definitions; main.ts wires them'),
            zone('./jobs', ['./src/http', './src/store', './src/cli', './src/main.ts', './src/queue/local'], 'a job definition calls a module service and nothing else'),
          ],
        },
      ],
    },
  },
  { files: ['src/wechat/**/*.ts'], rules: bannedLibraries('src/wechat is pure protocol code: no I/O libraries') },
  { files: ['src/modules/**/*.ts'], rules: bannedLibraries('modules take ports; adapters live in src/store, src/queue, src/http') },
  { files: ['src/shared/**/*.ts'], rules: bannedLibraries('shared/ holds errors, logger and clock only') },
  { files: ['test/**/*.ts', 'bench/**/*.ts'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
);
