// ESLint flat config: typescript-eslint recommended rules plus the project's layer rules
// (DESIGN.md: physics ← data ← likelihood ← toys ← fit, sensitivity ← report ← cli).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (folder, forbidden) => ({
  files: [`src/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((f) => ({
          group: [`**/${f}/**`, `../${f}`, `../../${f}`, `../${f}/*`, `../../${f}/*`],
          message: `src/${folder} may not import src/${f} (DESIGN.md import direction).`,
        })),
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'out/**',
      '.scratch/**',
      'test/.output/**',
      'docs/api/**',
      'web/dist/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use a seeded stream from src/toys/rng.ts.' },
      ],
    },
  },
  layer('physics', ['data', 'likelihood', 'toys', 'fit', 'sensitivity', 'report', 'cli']),
  layer('data', ['likelihood', 'toys', 'fit', 'sensitivity', 'report', 'cli']),
  layer('likelihood', ['toys', 'fit', 'sensitivity', 'report', 'cli']),
  layer('toys', ['fit', 'sensitivity', 'report', 'cli']),
  layer('fit', ['sensitivity', 'report', 'cli']),
  layer('sensitivity', ['report', 'cli']),
  layer('report', ['cli']),
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-console': 'error',
    },
  },
);
