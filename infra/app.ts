/**
 * The CDK app (`npx cdk synth`, `npx cdk deploy`): reads the context once, makes sure the
 * resolver bundles exist, and checks the stack with cdk-nag's AwsSolutions rules, whose
 * unsuppressed errors fail the synthesis.
 */
import { App, Validations } from 'aws-cdk-lib';
import { readConfig } from './config.ts';
import { HelpdeskStack } from './helpdesk-stack.ts';
import { AwsSolutionsValidation } from './nag.ts';
import { ensureResolverBundles, loadResolverBundles } from './resolver-bundles.ts';

const app = new App();
const config = readConfig((key) => app.node.tryGetContext(key));
await ensureResolverBundles();

new HelpdeskStack(app, config.stackName, {
  config,
  resolvers: loadResolverBundles(),
  description: 'Helpdesk: AppSync GraphQL API with a Cognito-token Lambda authorizer, DynamoDB and APPSYNC_JS resolvers',
});
Validations.of(app).addPlugins(new AwsSolutionsValidation(app));
