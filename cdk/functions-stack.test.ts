import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetBehaviorPatterns, globToRegExp, publicAssetsStagingDir } from './lib/assets';
import {
  type AwsDeployOptions,
  mergeOptions,
  readContextOptions,
  readProjectAwsOptions,
  resolveOptions,
  TfaDeployError,
} from './lib/config';
import { TwilioFunctionsStack } from './lib/functions-stack';
import { type Manifest, planDeployment } from './lib/manifest';

const REPO_ROOT = path.resolve(__dirname, '..');
const CDK_CONTEXT = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')).context ?? {};

const SECRET_VALUES = {
  ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  AUTH_TOKEN: 'auth-token-very-secret-6f1c2b',
  STRIPE_KEY: 'sk_live_x',
};

let root: string;
let outDir: string;
let manifestPath: string;
let manifest: Manifest;

function writeFile(file: string, content: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tfa-cdk-test-'));
  outDir = path.join(root, 'dist');
  const handler = 'exports.handler = async () => ({ statusCode: 200, body: "ok" });\n';
  for (const id of ['sms-reply', 'voice-answer', 'long']) writeFile(path.join(outDir, 'aws/functions', id, 'index.js'), handler);
  writeFile(path.join(outDir, 'aws/functions/_assets/index.js'), handler);
  writeFile(path.join(outDir, 'aws/assets/index.html'), '<h1>hi</h1>');
  writeFile(path.join(outDir, 'aws/assets/static/app.js'), 'console.log(1)');
  writeFile(path.join(outDir, 'aws/assets/static/css/site.css'), 'b{}');
  writeFile(path.join(outDir, 'aws/assets/secret.txt'), 'protected content');
  // Not in the main manifest: must never be uploaded (only listed public assets are).
  writeFile(path.join(outDir, 'aws/assets/assets/index.html'), '<h1>root</h1>');
  writeFile(
    path.join(root, '.env'),
    `ACCOUNT_SID=${SECRET_VALUES.ACCOUNT_SID}\nAUTH_TOKEN=${SECRET_VALUES.AUTH_TOKEN}\nGREETING=hi\nSTRIPE_KEY=${SECRET_VALUES.STRIPE_KEY}\n`,
  );
  const fn = (p: string, id: string, visibility: 'public' | 'protected' | 'private', extra: object = {}) => ({
    path: p,
    kind: 'function' as const,
    visibility,
    source: `functions${p}.js`,
    id,
    ...(visibility === 'private' ? {} : { bundles: { aws: `aws/functions/${id}` } }),
    ...extra,
  });
  // Like `tfa build`: public and protected assets are also served by the shared `_assets` Lambda.
  const asset = (p: string, id: string, visibility: 'public' | 'protected' | 'private', extra: object = {}) => ({
    path: p,
    kind: 'asset' as const,
    visibility,
    source: `assets${p}`,
    id,
    ...(visibility === 'private' ? {} : { bundles: { aws: 'aws/functions/_assets' } }),
    ...extra,
  });
  manifest = {
    version: 1,
    project: { name: 'demo-fns', root },
    builtAt: '2026-01-01T00:00:00.000Z',
    routes: [
      fn('/sms/reply', 'sms-reply', 'public', { timeoutSeconds: 10, memoryMB: 512 }),
      fn('/voice/answer', 'voice-answer', 'protected', { timeoutSeconds: 20 }),
      fn('/long', 'long', 'public', { timeoutSeconds: 60 }),
      fn('/helper', 'helper', 'private'),
      asset('/index.html', 'index-html', 'public'),
      asset('/static/app.js', 'static-app-js', 'public'),
      asset('/static/css/site.css', 'static-css-site-css', 'public'),
      asset('/secret.txt', 'secret-txt', 'protected'),
      asset('/data.json', 'data-json', 'private'),
    ],
    env: {
      names: ['ACCOUNT_SID', 'AUTH_TOKEN', 'GREETING', 'STRIPE_KEY'],
      secrets: ['ACCOUNT_SID', 'AUTH_TOKEN', 'STRIPE_KEY'],
    },
    targets: { aws: { functionsDir: 'aws/functions', assetsDir: 'aws/assets' } },
    warnings: [],
  };
  manifestPath = path.join(outDir, 'manifest.json');
  writeFile(manifestPath, JSON.stringify(manifest, null, 2));
});

afterAll(() => {
  if (!root) return;
  fs.rmSync(publicAssetsStagingDir(path.join(outDir, 'aws/assets')), { recursive: true, force: true });
  fs.rmSync(root, { recursive: true, force: true });
});

let synthCount = 0;
function synth(options: AwsDeployOptions = {}, m: Manifest = manifest) {
  const app = new App({ context: CDK_CONTEXT, outdir: path.join(root, `cdk.out.${synthCount++}`) });
  const stack = new TwilioFunctionsStack(app, 'Test', { manifest: m, outDir, options });
  return { app, stack, template: Template.fromStack(stack) };
}

const nodeFunctions = (t: Template) => t.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs22.x' } });

describe('TwilioFunctionsStack (CloudFront on, default)', () => {
  let template: Template;
  let stack: TwilioFunctionsStack;
  let app: App;
  beforeAll(() => {
    ({ template, stack, app } = synth());
  });

  it('creates one Lambda per public/protected function (and the protected-asset server), none for private ones', () => {
    const fns = nodeFunctions(template);
    expect(Object.keys(fns).sort()).toEqual(['AssetsAwsFunctionsAssets', 'FnLong', 'FnSmsReply', 'FnVoiceAnswer']);
    expect(JSON.stringify(fns)).not.toContain('helper');
    for (const fn of Object.values(fns)) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Handler).toBe('index.handler');
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
  });

  it('takes timeout (+2 s, capped at 29 s) and memory from the manifest', () => {
    const fns = nodeFunctions(template);
    expect(fns.FnSmsReply.Properties).toMatchObject({ Timeout: 12, MemorySize: 512 });
    expect(fns.FnVoiceAnswer.Properties).toMatchObject({ Timeout: 22, MemorySize: 256 });
    expect(fns.FnLong.Properties).toMatchObject({ Timeout: 29, MemorySize: 256 });
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('/long: timeout 60 s'));
  });

  it('keeps logs for a month', () => {
    template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 4);
  });

  it('routes each function path (ANY) through an HTTP API $default stage with payload 2.0', () => {
    const keys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(keys.sort()).toEqual(['ANY /long', 'ANY /secret.txt', 'ANY /sms/reply', 'ANY /voice/answer']);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /sms/reply' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', AutoDeploy: true });
    template.allResourcesProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
    // scopePermissionToRoute: false ⇒ one API-wide permission per function.
    const permissions = template.findResources('AWS::Lambda::Permission', {
      Properties: { Principal: 'apigateway.amazonaws.com' },
    });
    expect(Object.keys(permissions)).toHaveLength(4);
    for (const p of Object.values(permissions)) expect(JSON.stringify(p.Properties.SourceArn)).toContain('/*/*/*');
  });

  it('puts plain .env variables into the environment, secrets only by name', () => {
    const env = nodeFunctions(template).FnSmsReply.Properties.Environment.Variables;
    expect(env.GREETING).toBe('hi');
    // Stack traces are mapped lazily by the bundle, so no --enable-source-maps (cold start).
    expect(env.NODE_OPTIONS).toBeUndefined();
    expect(env.TFA_SECRET_NAMES).toBe('ACCOUNT_SID,AUTH_TOKEN,STRIPE_KEY');
    const secretId = Object.keys(template.findResources('AWS::SecretsManager::Secret'))[0];
    expect(env.TFA_SECRETS_ARN).toEqual({ Ref: secretId });
    expect(JSON.stringify(env.PUBLIC_BASE_URL)).toMatch(/https:\/\/.*Distribution.*DomainName/);
    for (const name of ['ACCOUNT_SID', 'AUTH_TOKEN', 'STRIPE_KEY']) expect(env).not.toHaveProperty(name);
  });

  it('never writes a secret value into the template', () => {
    const json = JSON.stringify(template.toJSON());
    for (const value of Object.values(SECRET_VALUES)) expect(json).not.toContain(value);
    // …nor into anything else in the cloud assembly (manifest, metadata, staged public assets).
    const assembly = app.synth().directory;
    for (const file of fs.readdirSync(assembly).filter((f) => f.endsWith('.json'))) {
      const text = fs.readFileSync(path.join(assembly, file), 'utf8');
      for (const value of Object.values(SECRET_VALUES)) expect(text).not.toContain(value);
    }
  });

  it('creates one secret (no value from .env) and grants every function read access', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResource('AWS::SecretsManager::Secret', {
      Properties: { Name: 'tfa/demo-fns', SecretString: '{}' },
      DeletionPolicy: 'Retain',
    });
    const secretId = Object.keys(template.findResources('AWS::SecretsManager::Secret'))[0];
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.PolicyDocument).includes(`"Ref":"${secretId}"`),
    );
    expect(policies).toHaveLength(4);
    for (const p of policies) {
      expect(JSON.stringify(p.Properties.PolicyDocument)).toContain('secretsmanager:GetSecretValue');
    }
  });

  it('serves only public assets from S3 via CloudFront; everything else goes to the API', () => {
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    const dist = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0].Properties.DistributionConfig;
    expect(dist.DefaultCacheBehavior).toMatchObject({
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // AllViewerExceptHostHeader
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    });
    const patterns: string[] = dist.CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern);
    expect(patterns.sort()).toEqual(['/index.html', '/static/*']);
    for (const p of ['/index.html', '/static/app.js', '/static/css/site.css']) {
      expect(patterns.some((pattern) => globToRegExp(pattern).test(p))).toBe(true);
    }
    for (const p of ['/secret.txt', '/data.json', '/sms/reply', '/voice/answer', '/helper', '/long']) {
      expect(patterns.some((pattern) => globToRegExp(pattern).test(p))).toBe(false);
    }
    const s3OriginId = dist.Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig).Id;
    expect(dist.Origins.find((o: { Id: string }) => o.Id === s3OriginId).OriginAccessControlId).toBeDefined();
    for (const b of dist.CacheBehaviors) expect(b.TargetOriginId).toBe(s3OriginId);
    expect(dist.DefaultCacheBehavior.TargetOriginId).not.toBe(s3OriginId);

    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
    });
  });

  it('uploads public assets only (the protected file never reaches S3)', () => {
    const assembly = app.synth().directory;
    const deployment = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0];
    const keys = JSON.stringify(deployment.Properties.SourceObjectKeys);
    const hash = /([0-9a-f]{64})\.zip/.exec(keys)![1];
    const staged = path.join(assembly, `asset.${hash}`);
    const files = fs.readdirSync(staged, { recursive: true }).map(String).sort();
    expect(files).toEqual(['index.html', 'static', 'static/app.js', 'static/css', 'static/css/site.css']);
  });

  it('outputs the base URL, a webhook URL per function and the secret name', () => {
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['BaseUrl', 'WebhookUrlSmsReply', 'WebhookUrlVoiceAnswer', 'WebhookUrlLong', 'SecretName']),
    );
    expect(Object.keys(outputs).filter((k) => k.startsWith('WebhookUrl'))).toHaveLength(3);
    expect(JSON.stringify(outputs.WebhookUrlSmsReply.Value)).toContain('/sms/reply');
    expect(outputs.SecretName.Value).toBe('tfa/demo-fns');
    expect(outputs.SetSecretsCommand.Value).toBe(
      'aws secretsmanager put-secret-value --secret-id tfa/demo-fns --secret-string file://secrets.json',
    );
  });

  it('has stable logical IDs (independent of route order)', () => {
    const shuffled: Manifest = { ...manifest, routes: [...manifest.routes].reverse() };
    const again = synth({}, shuffled).template;
    const ids = (t: Template) => Object.keys(t.toJSON().Resources).sort();
    expect(ids(again)).toEqual(ids(template));
    expect(Object.keys(again.toJSON().Outputs).sort()).toEqual(Object.keys(template.toJSON().Outputs).sort());
  });
});

describe('options', () => {
  it('cloudFront=false: no distribution or bucket, assets through the API, PUBLIC_BASE_URL is the API endpoint', () => {
    const { template } = synth({ cloudFront: false });
    template.resourceCountIs('AWS::CloudFront::Distribution', 0);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    const keys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(keys.sort()).toEqual([
      'ANY /index.html',
      'ANY /long',
      'ANY /secret.txt',
      'ANY /sms/reply',
      'ANY /static/app.js',
      'ANY /static/css/site.css',
      'ANY /voice/answer',
    ]);
    const env = nodeFunctions(template).FnSmsReply.Properties.Environment.Variables;
    const apiId = Object.keys(template.findResources('AWS::ApiGatewayV2::Api'))[0];
    expect(env.PUBLIC_BASE_URL).toEqual({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] });
  });

  it('custom domain on CloudFront: alias + certificate, PUBLIC_BASE_URL is the domain', () => {
    const { template } = synth({
      domainName: 'hooks.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['hooks.example.com'],
        ViewerCertificate: Match.objectLike({ AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }),
      }),
    });
    expect(nodeFunctions(template).FnSmsReply.Properties.Environment.Variables.PUBLIC_BASE_URL).toBe(
      'https://hooks.example.com',
    );
    expect(template.findOutputs('WebhookUrlSmsReply').WebhookUrlSmsReply.Value).toBe(
      'https://hooks.example.com/sms/reply',
    );
  });

  it('custom domain without CloudFront: API Gateway domain name + mapping', () => {
    const { template } = synth({
      cloudFront: false,
      domainName: 'hooks.example.com',
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'hooks.example.com' });
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
  });

  it('rejects a CloudFront certificate outside us-east-1 and a domain without certificate', () => {
    expect(() => synth({ domainName: 'x.example.com', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' })).toThrow(
      /us-east-1/,
    );
    expect(() => synth({ domainName: 'x.example.com' })).toThrow(TfaDeployError);
    const app = new App({ context: CDK_CONTEXT, outdir: path.join(root, 'cdk.out.region') });
    expect(
      () =>
        new TwilioFunctionsStack(app, 'Regional', {
          manifest,
          outDir,
          env: { region: 'eu-west-1' },
          options: {
            cloudFront: false,
            domainName: 'x.example.com',
            certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
          },
        }),
    ).toThrow(/stack's region \(eu-west-1\)/);
  });

  it('fails clearly when the Lambda environment would exceed 4 KB', () => {
    const big: Manifest = { ...manifest, env: { ...manifest.env, names: [...manifest.env.names, 'BIG'] } };
    const env = fs.readFileSync(path.join(root, '.env'), 'utf8');
    fs.writeFileSync(path.join(root, '.env'), `${env}BIG=${'x'.repeat(4000)}\n`);
    try {
      expect(() => synth({}, big)).toThrow(/over the 4 KB Lambda limit \(largest: BIG 4003 B/);
    } finally {
      fs.writeFileSync(path.join(root, '.env'), env);
    }
  });

  it('root fallback: a public /assets/index.html becomes the default root object', () => {
    const withRoot: Manifest = {
      ...manifest,
      routes: [
        ...manifest.routes,
        { path: '/assets/index.html', kind: 'asset', visibility: 'public', source: 'assets/assets/index.html', id: 'assets-index-html' },
        { path: '/orphan.txt', kind: 'asset', visibility: 'protected', source: 'assets/orphan.protected.txt', id: 'orphan-txt' },
      ],
    };
    const { template, stack } = synth({}, withRoot);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ DefaultRootObject: 'assets/index.html' }),
    });
    // A protected asset without a bundle is not routed anywhere (and never uploaded).
    const keys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(keys).not.toContain('ANY /orphan.txt');
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('Protected asset /orphan.txt has no AWS bundle'));
  });

  it('reads tfa.config.json "aws" and lets context override it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfa-cdk-config-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'tfa.config.json'),
        JSON.stringify({ aws: { cloudFront: false, stackName: 'From-File', logRetentionDays: 7 } }),
      );
      const context: Record<string, string> = { cloudFront: 'true' };
      const merged = mergeOptions(readProjectAwsOptions(dir), readContextOptions((k) => context[k]));
      expect(merged).toEqual({ cloudFront: true, stackName: 'From-File', logRetentionDays: 7 });
      const resolved = resolveOptions('demo-fns', merged);
      expect(resolved).toMatchObject({ stackName: 'From-File', secretName: 'tfa/From-File', cloudFront: true });
      expect(resolveOptions('@acme/My Fns', {}).stackName).toBe('Tfa-acme-My-Fns');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('planDeployment', () => {
  it('routes / to the Lambda that serves a protected /assets/index.html (root fallback)', () => {
    const m: Manifest = {
      ...manifest,
      routes: [
        ...manifest.routes,
        {
          path: '/assets/index.html',
          kind: 'asset',
          visibility: 'protected',
          source: 'assets/assets/index.protected.html',
          id: 'assets-index-html',
          bundles: { aws: 'aws/functions/_assets' },
        },
      ],
    };
    const plan = planDeployment(m, outDir, true);
    const server = plan.lambdas.find((l) => l.logicalId === 'AssetsAwsFunctionsAssets')!;
    expect(server.routes.map((r) => r.path)).toEqual(['/assets/index.html', '/secret.txt']);
    expect(plan.rootFallback).toEqual({ lambda: server });
    expect(plan.s3Assets.map((r) => r.path)).toEqual(['/index.html', '/static/app.js', '/static/css/site.css']);
  });

  it('without CloudFront, public assets without a bundle are reported as not served', () => {
    const m: Manifest = {
      ...manifest,
      routes: manifest.routes.map((r) => (r.kind === 'asset' && r.visibility === 'public' ? { ...r, bundles: undefined } : r)),
    };
    const plan = planDeployment(m, outDir, false);
    expect(plan.warnings).toContain(
      '3 public asset(s) are not served because cloudFront is off: /index.html, /static/app.js, /static/css/site.css. Enable cloudFront to serve them from S3.',
    );
    expect(plan.lambdas.find((l) => l.kind === 'assets')!.routes.map((r) => r.path)).toEqual(['/secret.txt']);
  });

  it('rejects route ids that collide once PascalCased', () => {
    const m: Manifest = {
      ...manifest,
      routes: [...manifest.routes, { ...manifest.routes[0], path: '/sms_reply', id: 'sms_reply' }],
    };
    expect(() => planDeployment(m, outDir, true)).toThrow(/both map to the ID "SmsReply"/);
  });
});

describe('assetBehaviorPatterns', () => {
  it('collapses folders that hold only public assets and never covers other routes', () => {
    const { patterns } = assetBehaviorPatterns(
      ['/img/a.png', '/img/b/c.png', '/app/logo.png', '/app/x/y.css', '/robots.txt'],
      ['/app/hook', '/robots'],
      24,
    );
    expect(patterns).toEqual(['/app/logo.png', '/app/x/*', '/img/*', '/robots.txt']);
  });

  it('groups files by extension when there are too many behaviours', () => {
    const many = Array.from({ length: 30 }, (_, i) => `/p${i}.png`);
    const { patterns } = assetBehaviorPatterns([...many, '/a.css'], ['/hook'], 5);
    expect(patterns).toEqual(['/*.css', '/*.png']);
  });
});

describe('CDK app (bin/app.ts)', () => {
  const cliEnv = { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' };

  it('prints one clear line when the manifest is missing', () => {
    const missing = path.join(root, 'nope', 'manifest.json');
    const result = spawnSync(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['cdk/bin/app.ts'], {
      cwd: REPO_ROOT,
      env: { ...cliEnv, TFA_MANIFEST: missing },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `No build manifest at ${missing}: run "npm run build" (or "tfa build --target aws") first.`,
    );
  });

  it('secrets-json prints only the secret names from .env', () => {
    const result = spawnSync(
      path.join(REPO_ROOT, 'node_modules/.bin/tsx'),
      ['cdk/bin/secrets-json.ts', '--manifest', manifestPath],
      { cwd: REPO_ROOT, env: cliEnv, encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(SECRET_VALUES);
  });

  it('synthesizes offline with the real cdk CLI', { timeout: 90_000 }, () => {
    const output = path.join(root, 'cli.out');
    const result = spawnSync(
      'npx',
      ['cdk', 'synth', '--app', 'npx tsx cdk/bin/app.ts', '-c', `manifest=${manifestPath}`, '--quiet', '--output', output],
      { cwd: REPO_ROOT, env: cliEnv, encoding: 'utf8', timeout: 85_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    const templateFile = path.join(output, 'Tfa-demo-fns.template.json');
    expect(fs.existsSync(templateFile)).toBe(true);
    const text = fs.readFileSync(templateFile, 'utf8');
    expect(JSON.parse(text).Resources.FnSmsReply.Type).toBe('AWS::Lambda::Function');
    for (const value of Object.values(SECRET_VALUES)) expect(text).not.toContain(value);
  });
});
