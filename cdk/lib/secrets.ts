/**
 * One Secrets Manager secret per stack holding a flat JSON object `{ "AUTH_TOKEN": "…", … }`.
 *
 * The template never contains a secret value: the secret is created holding `{}` and the user
 * sets the real JSON with `aws secretsmanager put-secret-value`. Its properties are constant
 * (they do not depend on the secret names), so stack updates never touch the value set by hand.
 * The functions get read access plus `TFA_SECRETS_ARN` / `TFA_SECRET_NAMES`; the Lambda runtime
 * fetches the JSON once per cold start.
 */
import { CfnOutput, RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface FunctionSecretsProps {
  secretName: string;
  /** Names the runtime reads from the secret JSON (ACCOUNT_SID, AUTH_TOKEN, …). */
  names: string[];
}

export class FunctionSecrets {
  readonly secret: secretsmanager.Secret;
  readonly names: string[];

  constructor(scope: Construct, props: FunctionSecretsProps) {
    this.names = props.names;
    this.secret = new secretsmanager.Secret(scope, 'Secrets', {
      secretName: props.secretName,
      description: 'Twilio Functions secrets (tfa): JSON object of name -> value, set with put-secret-value',
      // An empty JSON object, not a value from .env: `{}` is the same on every synth.
      secretStringValue: SecretValue.unsafePlainText('{}'),
      // Values are set by hand and cannot be recreated from the build: keep them on stack deletion.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    new CfnOutput(scope, 'SecretName', {
      value: props.secretName,
      description: `Secrets Manager secret to fill with ${props.names.join(', ')}`,
    });
    new CfnOutput(scope, 'SetSecretsCommand', {
      value: setSecretsCommand(props.secretName),
      description: 'secrets.json = {"ACCOUNT_SID":"AC…","AUTH_TOKEN":"…",…}; see cdk/README.md',
    });
  }

  /** The two variables the runtime needs to find its secrets. */
  environment(): Record<string, string> {
    return { TFA_SECRETS_ARN: this.secret.secretArn, TFA_SECRET_NAMES: this.names.join(',') };
  }

  grantRead(fn: lambda.IFunction): void {
    this.secret.grantRead(fn);
  }
}

export function setSecretsCommand(secretName: string): string {
  return `aws secretsmanager put-secret-value --secret-id ${secretName} --secret-string file://secrets.json`;
}
