/**
 * Throwaway project folders for tests: `tempProject({ 'functions/a.js': '…' })` writes the files
 * (paths relative to the root, folders created as needed) and returns the root. Every folder is
 * removed once the test file has run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

export function tempProject(files: Record<string, string | Uint8Array>, prefix = 'tfa-test-'): string {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  roots.push(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}
