import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../../test/support/temp-project';
import { deferRequestClient, REQUEST_CLIENT } from './deferred-request-client';

// A module shaped like twilio's (`export =` of a class), counting its evaluations.
const MODULE = `
globalThis.requestClientLoads = (globalThis.requestClientLoads ?? 0) + 1;
class RequestClient {
  constructor(options = {}) { this.timeout = options.timeout ?? 30000; }
  request() { return 'real'; }
  static defaultTimeout = 30000;
}
module.exports = RequestClient;
`;

/** A folder whose `node_modules/twilio` holds only RequestClient, and a `require` from there. */
function fixture(version = '6.3.1') {
  const root = tempProject({
    'node_modules/twilio/package.json': JSON.stringify({ name: 'twilio', version }),
    'node_modules/twilio/lib/base/RequestClient.js': MODULE,
    'index.js': '',
  }, 'tfa-defer-');
  const requireFrom = createRequire(path.join(root, 'index.js'));
  const loads = () => (globalThis as { requestClientLoads?: number }).requestClientLoads ?? 0;
  return { requireFrom, loads };
}

describe('deferRequestClient', () => {
  it('answers the __esModule check of a loading twilio without loading the class', () => {
    const { requireFrom, loads } = fixture();
    const before = loads();
    deferRequestClient(requireFrom);
    const mod = requireFrom(REQUEST_CLIENT);
    expect(typeof mod).toBe('function');
    expect(mod.__esModule).toBeUndefined();
    expect(loads()).toBe(before);
  });

  it('loads the real class once, on first use, and behaves as it', () => {
    const { requireFrom, loads } = fixture();
    const before = loads();
    deferRequestClient(requireFrom);
    const RequestClient = requireFrom(REQUEST_CLIENT);
    const client = new RequestClient({ timeout: 5 });
    expect(loads()).toBe(before + 1);
    expect(client.timeout).toBe(5);
    expect(client.request()).toBe('real');
    expect(client).toBeInstanceOf(RequestClient);
    expect(client.constructor.name).toBe('RequestClient');
    expect(RequestClient.defaultTimeout).toBe(30000);
    expect(RequestClient.name).toBe('RequestClient');
    expect(Object.keys(RequestClient)).toContain('defaultTimeout');
    class Custom extends RequestClient {}
    expect(new Custom().request()).toBe('real');
    expect(() => RequestClient()).toThrow(TypeError);
    // Every require, before and after the load, returns the same class.
    expect(requireFrom(REQUEST_CLIENT)).toBe(RequestClient);
    expect(loads()).toBe(before + 1);
  });

  it('leaves a twilio major it does not know alone', () => {
    const { requireFrom, loads } = fixture('7.0.0');
    const before = loads();
    deferRequestClient(requireFrom);
    requireFrom(REQUEST_CLIENT);
    expect(loads()).toBe(before + 1);
  });

  it('leaves an already loaded module alone, and does nothing when twilio is missing', () => {
    const { requireFrom } = fixture();
    const real = requireFrom(REQUEST_CLIENT);
    deferRequestClient(requireFrom);
    expect(requireFrom(REQUEST_CLIENT)).toBe(real);
    const bare = createRequire(path.join(tempProject({ 'index.js': '' }, 'tfa-defer-'), 'index.js'));
    expect(() => deferRequestClient(bare)).not.toThrow();
  });
});
