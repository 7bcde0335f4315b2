/**
 * CDK app of the AWS target. Run from the project root (where cdk.json is):
 *   npx cdk synth | deploy [-c manifest=dist/manifest.json] [-c cloudFront=false] [-c domainName=… -c certificateArn=…]
 *
 * Paths come from the working directory (the CDK CLI runs the app where cdk.json is) and from the
 * manifest, never from this file's location, so a compiled copy of the app behaves the same.
 */
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { mergeOptions, readContextOptions, readProjectAwsOptions, resolveOptions, TfaDeployError } from '../lib/config';
import { TwilioFunctionsStack } from '../lib/functions-stack';
import { readManifest, resolveManifestPath } from '../lib/manifest';

function main(): void {
  const app = new App();
  const manifestPath = resolveManifestPath(app.node.tryGetContext('manifest'));
  const manifest = readManifest(manifestPath);
  const outDir = path.dirname(manifestPath);

  const options = mergeOptions(
    readProjectAwsOptions(manifest.project.root),
    readContextOptions((key) => app.node.tryGetContext(key)),
  );
  const { stackName } = resolveOptions(manifest.project.name, options);

  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  new TwilioFunctionsStack(app, stackName, {
    manifest,
    outDir,
    options,
    // Environment-agnostic when the CLI has no credentials, so synth works offline.
    env: account || region ? { account, region } : undefined,
  });
  app.synth();
}

try {
  main();
} catch (err) {
  if (err instanceof TfaDeployError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
