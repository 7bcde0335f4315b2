import { describe, expect, it } from 'vitest';
import { contextFactory } from './context';

describe('contextFactory (B-26, B-27)', () => {
  it('gives PATH, DOMAIN_NAME, the environment and getTwilioClient, in that order', () => {
    const context = contextFactory({ GREETING: 'hi' })('/sms', 'example.com');
    expect(Object.keys(context)).toEqual(['PATH', 'DOMAIN_NAME', 'SERVICE_SID', 'ENVIRONMENT_SID', 'GREETING', 'getTwilioClient']);
    expect(context).toMatchObject({ PATH: '/sms', DOMAIN_NAME: 'example.com', SERVICE_SID: undefined, GREETING: 'hi' });
  });

  it('lets the environment set the computed keys, but not getTwilioClient', () => {
    const env = { PATH: '/env', DOMAIN_NAME: 'env.example', SERVICE_SID: 'ZS1', getTwilioClient: 'x' };
    const context = contextFactory(env)('/sms', 'example.com');
    expect(context).toMatchObject({ PATH: '/env', DOMAIN_NAME: 'env.example', SERVICE_SID: 'ZS1' });
    expect(typeof context.getTwilioClient).toBe('function');
  });

  it('gives every request its own object, so one request cannot change the next one\'s', () => {
    const contextFor = contextFactory({ GREETING: 'hi' });
    const first = contextFor('/sms', 'a.example');
    first.GREETING = 'changed';
    const second = contextFor('/sms', 'b.example');
    expect(second).not.toBe(first);
    expect([second.GREETING, second.DOMAIN_NAME, contextFor('/voice', 'c.example').PATH]).toEqual(['hi', 'b.example', '/voice']);
  });

  it('hands out clients with the environment credentials', () => {
    const context = contextFactory({ ACCOUNT_SID: `AC${'0'.repeat(32)}`, AUTH_TOKEN: 'token' })('/sms', 'example.com');
    expect(context.getTwilioClient().accountSid).toBe(`AC${'0'.repeat(32)}`);
    expect(() => contextFactory({})('/sms', 'x').getTwilioClient()).toThrow(/Missing Account SID/);
  });
});
