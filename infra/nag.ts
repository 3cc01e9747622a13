/**
 * cdk-nag's AwsSolutions rules as a synthesis validation plugin that also says, on stderr, how
 * many findings were left unacknowledged: a synthesis that ran the rules says so, even when
 * there is nothing to report (`cdk synth` fails on any unacknowledged finding).
 */
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** The line the plugin prints; tests look for it. */
export const nagSummary = (pack: string, findings: number, errors: number): string =>
  `cdk-nag ${pack}: ${findings} unacknowledged finding(s), ${errors} error(s)`;

/**
 * @example
 * Validations.of(app).addPlugins(new AwsSolutionsValidation(app));
 */
export class AwsSolutionsValidation implements IPolicyValidationPlugin {
  readonly name: string;
  private readonly pack: AwsSolutionsChecks;

  constructor(scope: IConstruct) {
    this.pack = new AwsSolutionsChecks(scope, { verbose: true });
    this.name = this.pack.name;
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const report = this.pack.validate(context);
    const errors = report.violations.filter((violation) => violation.severity === 'error').length;
    console.error(nagSummary(this.name, report.violations.length, errors));
    return report;
  }
}
