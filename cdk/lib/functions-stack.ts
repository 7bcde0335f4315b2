/**
 * The AWS deployment of a built tfa project, driven only by the build manifest:
 * one Lambda per public/protected function, an HTTP API (`$default` stage) routing each path,
 * a Secrets Manager secret for ACCOUNT_SID/AUTH_TOKEN/secret variables, and optionally
 * CloudFront in front (public assets from S3, everything else to the API).
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Token } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { assetBehaviorPatterns, Edge } from './assets';
import { type AwsDeployOptions, certificateRegion, pascalCase, type ResolvedOptions, resolveOptions, TfaDeployError } from './config';
import { checkEnvSize, readPlainEnv, secretNames } from './env';
import { type LambdaPlan, lambdaTimeoutSeconds, type Manifest, planDeployment } from './manifest';
import { FunctionSecrets } from './secrets';

export interface TwilioFunctionsStackProps extends StackProps {
  manifest: Manifest;
  /** Absolute build output folder (where manifest.json is); manifest paths are relative to it. */
  outDir: string;
  /** Merged deployment options (tfa.config.json `aws` + context). */
  options?: AwsDeployOptions;
  /** Where `.env` is read. Default `manifest.project.root`. */
  projectRoot?: string;
}

export class TwilioFunctionsStack extends Stack {
  readonly options: ResolvedOptions;
  readonly api: apigwv2.HttpApi;
  /** By Lambda logical ID (`FnSmsReply`). */
  readonly functions: Record<string, lambda.Function> = {};
  readonly secrets: FunctionSecrets;
  readonly edge?: Edge;
  /** `https://…` that Twilio calls (CloudFront, custom domain or the API). */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: TwilioFunctionsStackProps) {
    const { manifest } = props;
    const options = resolveOptions(manifest.project.name, props.options ?? {});
    super(scope, id, {
      ...props,
      stackName: props.stackName ?? options.stackName,
      description: props.description ?? `Twilio Functions of ${manifest.project.name} (tfa)`.slice(0, 1024),
    });
    this.options = options;
    const outDir = path.resolve(props.outDir);
    const plan = planDeployment(manifest, outDir, options.cloudFront);
    const env = readPlainEnv(manifest, props.projectRoot ?? manifest.project.root);
    const warn = (message: string) =>
      Annotations.of(this).addWarningV2(`tfa:${createHash('sha256').update(message).digest('hex').slice(0, 8)}`, message);
    [...plan.warnings, ...env.warnings].forEach(warn);

    this.secrets = new FunctionSecrets(this, { secretName: options.secretName, names: secretNames(manifest) });

    const certRegion = options.certificateArn && certificateRegion(options.certificateArn);
    if (certRegion && !options.cloudFront && !Token.isUnresolved(this.region) && certRegion !== this.region) {
      throw new TfaDeployError(
        `The HTTP API custom domain needs a certificate in the stack's region (${this.region}), but certificateArn is in ${certRegion}.`,
      );
    }
    const certificate = options.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', options.certificateArn)
      : undefined;
    const apiDomain =
      options.domainName && certificate && !options.cloudFront
        ? new apigwv2.DomainName(this, 'ApiDomain', { domainName: options.domainName, certificate })
        : undefined;
    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: options.stackName,
      description: `tfa: ${manifest.project.name}`,
      createDefaultStage: true,
      defaultDomainMapping: apiDomain ? { domainName: apiDomain } : undefined,
    });

    if (options.cloudFront) {
      const { patterns, warnings } = assetBehaviorPatterns(
        plan.s3Assets.map((r) => r.path),
        plan.nonS3Paths,
        options.maxAssetBehaviors,
      );
      warnings.forEach(warn);
      if (patterns.length > options.maxAssetBehaviors) {
        throw new TfaDeployError(
          `Public assets need ${patterns.length} CloudFront behaviours, more than maxAssetBehaviors=${options.maxAssetBehaviors}. ` +
            'Move them into folders that hold no functions (e.g. assets/static/…), or raise the CloudFront quota and maxAssetBehaviors.',
        );
      }
      const awsTarget = manifest.targets.aws!;
      this.edge = new Edge(this, 'Edge', {
        apiDomain: `${this.api.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
        assetsDir: path.join(outDir, awsTarget.assetsDir),
        publicAssets: plan.s3Assets,
        patterns,
        defaultRootObject: plan.rootFallback && 's3Key' in plan.rootFallback ? plan.rootFallback.s3Key : undefined,
        domainName: options.domainName,
        certificate,
        comment: `tfa ${manifest.project.name}`,
      });
    }

    this.baseUrl = options.domainName
      ? `https://${options.domainName}`
      : this.edge
        ? `https://${this.edge.distribution.distributionDomainName}`
        : this.api.apiEndpoint;

    for (const lambdaPlan of plan.lambdas) {
      const fn = this.createFunction(lambdaPlan, {
        ...env.vars,
        PUBLIC_BASE_URL: this.baseUrl,
        ...this.secrets.environment(),
      });
      const integration = new HttpLambdaIntegration(`${lambdaPlan.logicalId}Integration`, fn, {
        scopePermissionToRoute: false,
      });
      const routes = lambdaPlan.routes.map((r) => ({ constructId: `Route${pascalCase(r.id)}`, path: r.path }));
      if (plan.rootFallback && 'lambda' in plan.rootFallback && plan.rootFallback.lambda === lambdaPlan) {
        routes.push({ constructId: 'RootRoute', path: '/' });
      }
      for (const route of routes) {
        // ANY: the runtime itself answers OPTIONS and unsupported methods the hosted-Twilio way.
        new apigwv2.HttpRoute(this, route.constructId, {
          httpApi: this.api,
          routeKey: apigwv2.HttpRouteKey.with(route.path, apigwv2.HttpMethod.ANY),
          integration,
        });
      }
      if (lambdaPlan.kind === 'function') {
        const route = lambdaPlan.routes[0];
        new CfnOutput(this, `WebhookUrl${lambdaPlan.pascal}`, {
          value: `${this.baseUrl}${route.path}`,
          description: `${route.visibility} function ${route.path}`,
        });
      }
    }

    new CfnOutput(this, 'BaseUrl', { value: this.baseUrl, description: 'Public base URL (PUBLIC_BASE_URL of the functions)' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'HTTP API endpoint (behind CloudFront when enabled)' });
    if (this.edge) {
      new CfnOutput(this, 'DistributionDomainName', { value: this.edge.distribution.distributionDomainName });
      new CfnOutput(this, 'DistributionId', { value: this.edge.distribution.distributionId });
    }
    if (options.domainName) {
      new CfnOutput(this, 'DnsTarget', {
        value: this.edge ? this.edge.distribution.distributionDomainName : apiDomain!.regionalDomainName,
        description: `Point a CNAME (or alias) for ${options.domainName} here`,
      });
    }
  }

  private createFunction(plan: LambdaPlan, environment: Record<string, string>): lambda.Function {
    const paths = plan.routes.map((r) => r.path).join(' ');
    checkEnvSize(environment, paths);
    const logGroup = new logs.LogGroup(this, `${plan.logicalId}Logs`, {
      retention: this.options.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const fn = new lambda.Function(this, plan.logicalId, {
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(plan.codeDir),
      handler: 'index.handler',
      memorySize: plan.memoryMB,
      timeout: Duration.seconds(lambdaTimeoutSeconds(plan.timeoutSeconds)),
      environment,
      logGroup,
      description: `tfa ${plan.kind}: ${paths}`.slice(0, 256),
    });
    // Exactly `Fn<PascalId>`: stable across deploys, independent of ordering and of CDK's path hash.
    (fn.node.defaultChild as lambda.CfnFunction).overrideLogicalId(plan.logicalId);
    this.secrets.grantRead(fn);
    this.functions[plan.logicalId] = fn;
    return fn;
  }
}
