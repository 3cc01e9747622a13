/**
 * Shared set-up of the infra tests: one fast synthesis per configuration (no bundling, no
 * CloudFormation validation) of the stack with the project's resolver bundles.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readConfig } from '../../infra/config.ts';
import { HelpdeskStack } from '../../infra/helpdesk-stack.ts';
import { loadResolverBundles, RESOLVER_BUNDLE_DIR, type LoadedResolver } from '../../infra/resolver-bundles.ts';

export interface Synthesized {
  readonly stack: HelpdeskStack;
  readonly template: Template;
  readonly resolvers: readonly LoadedResolver[];
}

/**
 * Synthesizes the stack with `context` as if passed with `-c`, skipping asset bundling.
 *
 * @example
 * const { template } = synthesize({ accessTokenEmail: 'true' });
 */
export function synthesize(context: Record<string, unknown> = {}, bundleDir: string = RESOLVER_BUNDLE_DIR): Synthesized {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:bundling-stacks': [], ...context },
  });
  const config = readConfig((key) => app.node.tryGetContext(key));
  const resolvers = loadResolverBundles(bundleDir);
  const stack = new HelpdeskStack(app, config.stackName, { config, resolvers });
  return { stack, template: Template.fromStack(stack), resolvers };
}
