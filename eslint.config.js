import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'schema/**',
      'coverage/**',
      '.scratch/**',
      'docs/api/**',
      '.stryker-tmp/**',
      'reports/**',
      '.vitest-tmp/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'URL',
          'Buffer',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'setImmediate',
          'TextDecoder',
          'TextEncoder',
          'AbortController',
          'AbortSignal',
          'structuredClone',
          'fetch',
          'Response',
          'Request',
          'Headers',
          'URLSearchParams'
        ].map((name) => [name, 'readonly'])
      )
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(fp-ts|io-ts)/(?!lib/).+',
              message:
                "Import from 'fp-ts/lib/X.js' (no exports map: other paths crash under Node ESM)."
            },
            {
              regex: '^(fp-ts|io-ts)/lib/[A-Za-z/]+$',
              message: 'Add the .js extension: Node ESM needs it.'
            }
          ]
        }
      ]
    }
  }
)
