/**
 * A place the conformance suite can run: something that serves the fixture project over HTTP.
 * Every target runs the same cases; where a platform cannot behave the same, the target says so
 * in `differences` and the case asserts the documented alternative.
 */
import path from 'node:path';
import { rawRequest, type RawRequest, type RawResponse } from '../support/http-client';

export const FIXTURE = path.resolve(__dirname, '../fixtures/conformance');

export interface Differences {
  /** What a header line repeated by the client becomes: one value joined with "," (HTTP API v2,
   * Function URLs) or ", " (Workers), or only its last value (ALB without multi-value headers).
   * Default: an array of the values. */
  repeatedHeaders?: 'comma' | 'comma-space' | 'last';
  /** ALB without multi-value headers keeps only the last value of a repeated query key. */
  repeatedQuery?: 'last';
  /** ALB without multi-value headers can return one Set-Cookie line only (the first). */
  singleSetCookie?: boolean;
}

export interface Target {
  name: string;
  differences?: Differences;
  /** Starts the fixture project with these extra environment variables. */
  start(env: Record<string, string>): Promise<RunningTarget>;
}

export interface RunningTarget {
  /** Where the test sends requests. */
  url: string;
  /** The public URL of a path as the target reconstructs it, i.e. what Twilio signs. */
  publicUrl(pathAndQuery: string): string;
  stop(): Promise<void>;
}

export class Invoker {
  constructor(readonly running: RunningTarget) {}

  request(path: string, request?: RawRequest): Promise<RawResponse> {
    return rawRequest(this.running.url, path, request);
  }

  form(path: string, fields: Array<[string, string]> | Record<string, string>, headers: Array<[string, string]> = []): Promise<RawResponse> {
    const body = new URLSearchParams(fields as Record<string, string>).toString();
    return this.request(path, {
      method: 'POST',
      headers: [['Content-Type', 'application/x-www-form-urlencoded'], ...headers],
      body,
    });
  }

  json(path: string, value: unknown, headers: Array<[string, string]> = []): Promise<RawResponse> {
    return this.request(path, {
      method: 'POST',
      headers: [['Content-Type', 'application/json'], ...headers],
      body: JSON.stringify(value),
    });
  }
}
