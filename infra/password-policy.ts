/**
 * The user pool's password policy, in a file with no CDK import so that the client
 * configuration (`npm run client-config`) can tell Amplify the same rules.
 */
export const PASSWORD_POLICY = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
} as const;
