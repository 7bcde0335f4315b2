export { createRuntime, DEFAULT_CONFIG } from './runtime';
export { TwilioResponse } from './twilio-response';
export type * from './types';
