/** Hosted Twilio rejects requests whose headers and cookies exceed 15 kB or 90 lines (B-25). */
import { HttpError } from './errors';
import { HeaderList } from './header-list';
import type { RuntimeHeaders } from './types';

const MAX_HEADER_BYTES = 15 * 1024;
const MAX_HEADER_COUNT = 90;

export function checkHeaderLimits(headers: RuntimeHeaders): void {
  const { count, chars } = headers instanceof HeaderList ? headers.totals() : totalsOf(headers);
  if (count > MAX_HEADER_COUNT || chars > MAX_HEADER_BYTES) {
    throw new HttpError(431, 'Request headers or cookies too long');
  }
}

function totalsOf(headers: RuntimeHeaders): { count: number; chars: number } {
  let count = 0;
  let chars = 0;
  headers.forEach((value, name) => {
    count += 1;
    chars += name.length + value.length;
  });
  return { count, chars };
}
