/**
 * Public assets: private S3 bucket + CloudFront (OAC), on the same origin as the functions.
 *
 * The distribution's default behaviour goes to the HTTP API (functions, protected assets, 404s);
 * extra behaviours send public asset paths to S3. Protected assets are never uploaded to the
 * bucket: they need the signature check, so only a Lambda serves them.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RemovalPolicy } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { ManifestRoute } from './manifest';

// ---------------------------------------------------------------------------------------------
// Behaviour path patterns

/** Characters CloudFront accepts in a path pattern (besides `&`, which we avoid). */
const PATTERN_CHARS = /^[A-Za-z0-9_\-.*$/~"'@:+]+$/;

export interface BehaviorPatterns {
  patterns: string[];
  warnings: string[];
}

/**
 * Few path patterns that cover every public asset and match none of `otherPaths` (functions,
 * protected and private routes). A folder holding only public assets becomes one `/dir/*`
 * pattern; if that is still too many, files of one folder are grouped by extension (`/dir/*.png`).
 */
export function assetBehaviorPatterns(publicPaths: string[], otherPaths: string[], max: number): BehaviorPatterns {
  const warnings: string[] = [];
  const matchesOther = (pattern: string) => {
    const re = globToRegExp(pattern);
    return otherPaths.some((p) => re.test(p));
  };

  // 1. Shallowest folder that contains no other route, else the exact path.
  const covering = new Map<string, string>();
  for (const p of publicPaths) {
    const segments = p.split('/').slice(1);
    let pattern = p;
    for (let depth = 1; depth < segments.length; depth++) {
      const candidate = `/${segments.slice(0, depth).join('/')}/*`;
      if (PATTERN_CHARS.test(candidate) && !matchesOther(candidate)) {
        pattern = candidate;
        break;
      }
    }
    covering.set(p, pattern);
  }
  let patterns = uniqueSorted([...covering.values()]);

  // 2. Too many: group exact files by folder and extension.
  if (patterns.length > max) {
    const grouped = new Map<string, string>();
    for (const [p, pattern] of covering) {
      if (pattern !== p) continue;
      const ext = path.posix.extname(p);
      if (!ext) continue;
      const candidate = `${path.posix.dirname(p).replace(/\/$/, '')}/*${ext}`;
      if (PATTERN_CHARS.test(candidate) && !matchesOther(candidate)) grouped.set(p, candidate);
    }
    for (const [p, candidate] of grouped) covering.set(p, candidate);
    patterns = uniqueSorted([...covering.values()]);
  }

  // 3. Exact paths CloudFront cannot express.
  const usable: string[] = [];
  for (const pattern of patterns) {
    if (PATTERN_CHARS.test(pattern) && pattern.length <= 255) usable.push(pattern);
    else warnings.push(`Public asset ${pattern} is not served: CloudFront path patterns cannot contain its characters.`);
  }
  return { patterns: usable, warnings };
}

/** CloudFront semantics: `*` any run of characters (including `/`), `?` one character. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}

// ---------------------------------------------------------------------------------------------
// Distribution

/** Viewer-request function on asset behaviours: answer preflights like Twilio does (B-11). */
const OPTIONS_FUNCTION_CODE = `function handler(event) {
  if (event.request.method !== 'OPTIONS') return event.request;
  return {
    statusCode: 204,
    statusDescription: 'No Content',
    headers: {
      'access-control-allow-origin': { value: '*' },
      'access-control-allow-headers': { value: 'Accept, Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, User-Agent' },
      'access-control-allow-methods': { value: 'GET, POST, OPTIONS' },
      'access-control-expose-headers': { value: 'ETag' },
      'access-control-max-age': { value: '86400' },
      'access-control-allow-credentials': { value: 'true' },
      'content-type': { value: 'text/plain; charset=UTF-8' }
    }
  };
}`;

export interface EdgeProps {
  /** `<api id>.execute-api.<region>.<suffix>`. */
  apiDomain: string;
  /** Absolute folder of the built assets (`<out>/<targets.aws.assetsDir>`). */
  assetsDir: string;
  publicAssets: ManifestRoute[];
  patterns: string[];
  /** S3 key answered for `/` (B-6 root fallback). */
  defaultRootObject?: string;
  domainName?: string;
  certificate?: acm.ICertificate;
  comment: string;
}

export class Edge extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly bucket?: s3.Bucket;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: props.comment.slice(0, 128),
      defaultBehavior: {
        origin: new origins.HttpOrigin(props.apiDomain, {
          protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        }),
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      },
      defaultRootObject: props.defaultRootObject,
      domainNames: props.domainName ? [props.domainName] : undefined,
      certificate: props.certificate,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      minimumProtocolVersion: props.certificate ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
    });

    if (props.publicAssets.length === 0 || props.patterns.length === 0) return;

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Contents come from the build; BucketDeployment (retainOnDelete: false) empties the bucket
      // on stack deletion, so DESTROY works without the autoDeleteObjects custom resource.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    const s3Origin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    const preflight = new cloudfront.Function(this, 'AssetPreflight', {
      code: cloudfront.FunctionCode.fromInline(OPTIONS_FUNCTION_CODE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Answers OPTIONS on public assets like Twilio Functions',
    });
    for (const pattern of props.patterns) {
      this.distribution.addBehavior(pattern, s3Origin, {
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        compress: true,
        functionAssociations: [{ function: preflight, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      });
    }

    new s3deploy.BucketDeployment(this, 'Deploy', {
      sources: [s3deploy.Source.asset(stagePublicAssets(props.assetsDir, props.publicAssets))],
      destinationBucket: this.bucket,
      prune: true,
      retainOnDelete: false,
      // New build ⇒ drop cached copies (the first 1,000 invalidation paths a month are free).
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
  }
}

/**
 * Copies only the public assets (never protected ones, never stray files) into a folder of their
 * own for the BucketDeployment. The folder name depends on the assets dir, so repeated synths
 * reuse it, and identical content gives the same asset hash.
 */
export function stagePublicAssets(assetsDir: string, routes: ManifestRoute[]): string {
  const staging = publicAssetsStagingDir(assetsDir);
  fs.rmSync(staging, { recursive: true, force: true });
  for (const route of routes) {
    const target = path.join(staging, route.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(assetsDir, route.path), target);
  }
  return staging;
}

export function publicAssetsStagingDir(assetsDir: string): string {
  const key = crypto.createHash('sha256').update(path.resolve(assetsDir)).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `tfa-cdk-public-assets-${key}`);
}
