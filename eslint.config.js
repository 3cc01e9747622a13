// ESLint flat config. `npm run lint` checks the resolvers and the policy they bundle with AWS's APPSYNC_JS rules
// (`@aws-appsync/eslint-plugin`, type-aware `recommended` set) plus what that plugin misses.
import appsync from '@aws-appsync/eslint-plugin';

/** @type {import('eslint').Linter.Config[]} */
export default [
  { ignores: ['dist/**', 'node_modules/**', 'cdk.out/**', '.bundle-out/**'] },
  {
    // policy/ is bundled into every resolver, so the same limits apply to it.
    files: ['resolvers/**/*.ts', 'policy/**/*.ts'],
    ...appsync.configs.recommended,
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      ...appsync.configs.recommended.rules,
      // APPSYNC_JS refuses `throw`, which the plugin does not flag: stop with util.error instead.
      'no-restricted-syntax': [
        'error',
        { selector: 'ThrowStatement', message: 'Throw statements are not supported in APPSYNC_JS: use util.error(message, errorType).' },
        { selector: 'ImportExpression', message: 'Dynamic import() is not supported in APPSYNC_JS.' },
      ],
    },
  },
];
