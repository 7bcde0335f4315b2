// Incoming SMS webhook: replies with a greeting and echoes keywords.
const { formatReply } = require(Runtime.getFunctions()['utils/format'].path);

exports.handler = (context, event, callback) => {
  const twiml = new Twilio.twiml.MessagingResponse();
  const body = (event.Body || '').trim();
  twiml.message(formatReply(context.GREETING || 'Hello', body, event.From));
  callback(null, twiml);
};
