/**
 * The names of the stack's outputs, in a file with no CDK import: the stack writes them and
 * `scripts/client-config.ts` reads them back from `cdk-outputs.json` or DescribeStacks.
 */
export const STACK_OUTPUTS = {
  graphqlUrl: 'GraphqlUrl',
  /** The real-time (subscriptions) WebSocket endpoint, `wss://…appsync-realtime-api…/graphql`. */
  realtimeUrl: 'RealtimeUrl',
  region: 'Region',
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
  /** Not needed by clients: for operators (backups, tear-down of a retained table). */
  tableName: 'TableName',
  /** `https://<domain>/oauth2/token`: where machine callers get client-credentials tokens. */
  tokenEndpoint: 'TokenEndpoint',
} as const;

/**
 * The output holding the app client id of one machine role, e.g. `ReportingClientId`.
 *
 * @example
 * machineClientIdOutput('Triage'); // 'TriageClientId'
 */
export function machineClientIdOutput(role: string): string {
  return `${role}ClientId`;
}

/** One output's name. */
export type StackOutputName = (typeof STACK_OUTPUTS)[keyof typeof STACK_OUTPUTS];
