/**
 * Shared set-up of the infra tests: one fast synthesis per configuration (no bundling, no
 * CloudFormation validation) of the stack with the project's resolver bundles.
 */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readConfig } from '../../infra/config.ts';
import { HelpdeskStack } from '../../infra/helpdesk-stack.ts';
import { loadResolverBundles, RESOLVER_BUNDLE_DIR, type ResolverBundles } from '../../infra/resolver-bundles.ts';

/** The context of `cdk.json` (feature flags and defaults), which `new App()` in a test does not read. */
export const CDK_JSON_CONTEXT = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;

export interface Synthesized {
  readonly stack: HelpdeskStack;
  readonly template: Template;
  readonly bundles: ResolverBundles;
}

/**
 * Synthesizes the stack with `cdk.json`'s context and `context` as if passed with `-c`,
 * skipping asset bundling.
 *
 * @example
 * const { template } = synthesize({ accessTokenEmail: 'true' });
 */
export function synthesize(context: Record<string, unknown> = {}, bundleDir: string = RESOLVER_BUNDLE_DIR): Synthesized {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [], ...context },
  });
  const config = readConfig((key) => app.node.tryGetContext(key));
  const bundles = loadResolverBundles(bundleDir);
  const stack = new HelpdeskStack(app, config.stackName, { config, resolvers: bundles });
  return { stack, template: Template.fromStack(stack), bundles };
}
