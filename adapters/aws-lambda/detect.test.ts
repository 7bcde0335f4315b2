import { describe, expect, it } from 'vitest';
import { detectEventSource, isAlbMultiValue } from './detect';
import { AdapterError } from './errors';
import { albEvent, functionUrlEvent, v1Event, v2Event } from './synthetic-events';

describe('detectEventSource', () => {
  it('classifies REST (v1), HTTP API (v2), Function URL and ALB events', () => {
    expect(detectEventSource(v1Event({ path: '/sms' }))).toBe('v1');
    expect(detectEventSource(v2Event({ path: '/sms' }))).toBe('v2');
    expect(detectEventSource(functionUrlEvent({ path: '/sms' }))).toBe('v2');
    expect(detectEventSource(albEvent({ path: '/sms' }))).toBe('alb');
    expect(detectEventSource(albEvent({ path: '/sms' }, { multiValue: true }))).toBe('alb');
  });

  it('L23: keeps a REST event with rawPath (routing-rule strip) as v1', () => {
    const event = v1Event({ path: '/api/sms', stripBasePath: '/api', domainName: 'hooks.example.com' });
    expect(event.rawPath).toBe('/api/sms');
    expect(event.path).toBe('/sms');
    expect(detectEventSource(event)).toBe('v1');
  });

  it('does not take version 2.0 without requestContext.http for v2', () => {
    // VPC Lattice v2 says "2.0" but has no http context and no httpMethod.
    const lattice = { version: '2.0', path: '/x', method: 'GET', requestContext: { serviceArn: 'arn:aws:vpc-lattice:x' } };
    expect(() => detectEventSource(lattice)).toThrow(AdapterError);
  });

  it.each([
    ['an SQS event', { Records: [{ eventSource: 'aws:sqs' }] }],
    ['null', null],
    ['a string', 'GET /'],
    ['an array', [1]],
  ])('rejects %s with a 400 naming the supported sources', (_label, event) => {
    let error: unknown;
    try {
      detectEventSource(event);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).status).toBe(400);
    expect((error as AdapterError).message).toBe(
      'Unrecognised Lambda event: expected API Gateway (REST or HTTP API), Function URL or ALB',
    );
  });

  it('explains a missing requestContext on an otherwise HTTP-looking event', () => {
    const { requestContext: _v1, ...v1 } = v1Event({ path: '/sms' });
    const { requestContext: _v2, ...v2 } = v2Event({ path: '/sms' });
    for (const event of [v1, v2]) {
      expect(() => detectEventSource(event)).toThrow(/no requestContext/);
    }
  });
});

describe('isAlbMultiValue', () => {
  it('is true only for ALB events carrying multiValueHeaders', () => {
    expect(isAlbMultiValue(albEvent({}, { multiValue: true }))).toBe(true);
    expect(isAlbMultiValue(albEvent({}, { multiValue: false }))).toBe(false);
    // REST events always carry multiValueHeaders, but they are not ALB.
    expect(isAlbMultiValue(v1Event({}))).toBe(false);
  });
});
