// Compiled by `npm run typecheck`: a typical TypeScript Twilio Function must type-check unchanged.
import type { Context, ServerlessCallback, ServerlessFunctionSignature } from '../../src/types';

type Env = { GREETING: string };

export const handler: ServerlessFunctionSignature<Env, { Body?: string; From: string }> = async (context, event, callback) => {
  const twiml = new Twilio.twiml.MessagingResponse();
  twiml.message(`${context.GREETING} ${event.From}: ${event.Body ?? ''} (${event.request.headers['user-agent']})`);
  const helper = require(Runtime.getFunctions()['helper'].path);
  const config = JSON.parse(Runtime.getAssets()['/config.json'].open());
  const response = new Twilio.Response();
  response.setStatusCode(200).appendHeader('X', String(helper && config));
  callback(null, twiml);
};

export function legacy(context: Context<Env>, _event: {}, callback: ServerlessCallback): void {
  const client = context.getTwilioClient();
  client.messages.create({ to: '+1', from: '+2', body: context.DOMAIN_NAME }).then(() => callback(null)).catch(callback);
}
