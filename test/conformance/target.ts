/**
 * A place the conformance suite can run: something that serves the fixture project over HTTP.
 * Every target runs the same cases; where a platform cannot behave the same, the target says so
 * in `differences` and the case asserts the documented alternative.
 */
import path from 'node:path';
import { rawRequest, type RawRequest, type RawResponse } from '../support/http-client';

export const FIXTURE = path.resolve(__dirname, '../fixtures/conformance');

export interface Differences {
  /** Header lines repeated by the client arrive as one comma-joined value (HTTP API v2, Workers). */
  joinsRepeatedHeaders?: boolean;
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
  /** Everything the target printed so far (for log assertions). */
  output(): string;
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
