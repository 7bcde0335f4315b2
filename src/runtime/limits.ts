/** Hosted Twilio rejects requests whose headers and cookies exceed 15 kB or 90 lines (B-25). */
import { HttpError } from './errors';
import type { RuntimeHeaders } from './types';

const MAX_HEADER_BYTES = 15 * 1024;
const MAX_HEADER_COUNT = 90;

export function checkHeaderLimits(headers: RuntimeHeaders): void {
  let count = 0;
  let bytes = 0;
  headers.forEach((value, name) => {
    count += 1;
    bytes += name.length + value.length;
  });
  if (count > MAX_HEADER_COUNT || bytes > MAX_HEADER_BYTES) {
    throw new HttpError(431, 'Request headers or cookies too long');
  }
}
