import { describe, expect, it } from 'vitest';
import { decodePath, RouteTable } from './routes';
import type { AssetEntry, FunctionEntry } from './types';

const fn = (route: string, visibility: FunctionEntry['visibility'] = 'public'): FunctionEntry => ({ route, visibility, path: route, load: () => ({}) });
const asset = (route: string, visibility: AssetEntry['visibility'] = 'public'): AssetEntry => ({ route, visibility, path: route, read: () => new Uint8Array() });

describe('RouteTable', () => {
  const table = new RouteTable([fn('/sms'), fn('/secret', 'private'), fn('/with-space')], [asset('/a.txt'), asset('/p.txt', 'private'), asset('/assets/index.html')]);

  it('matches exact, decoded paths', () => {
    expect(table.match('/sms')?.kind).toBe('function');
    expect(table.match('/%73ms')?.kind).toBe('function');
    expect(table.match('/a.txt')?.kind).toBe('asset');
  });

  it('never matches private entries', () => {
    expect(table.match('/secret')).toBeUndefined();
    expect(table.match('/p.txt')).toBeUndefined();
  });

  it('is exact about case and trailing slashes', () => {
    expect(table.match('/SMS')).toBeUndefined();
    expect(table.match('/sms/')).toBeUndefined();
  });

  it('falls back from / to /assets/index.html (B-6)', () => {
    expect(table.match('/')).toMatchObject({ kind: 'asset', entry: { route: '/assets/index.html' } });
    expect(new RouteTable([], [asset('/index.html')]).match('/')).toBeUndefined();
  });
});

describe('decodePath', () => {
  it('refuses encoded separators, dot segments, NUL and bad escapes', () => {
    for (const path of ['/a%2Fb', '/a%5Cb', '/%2e%2e/x', '/a/%2E', '/a%00', '/%zz']) expect(decodePath(path), path).toBeUndefined();
    expect(decodePath('/with%20space')).toBe('/with space');
  });
});
