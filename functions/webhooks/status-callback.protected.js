// Message status callback: only Twilio (a valid X-Twilio-Signature) may call it.
exports.handler = (context, event, callback) => {
  console.log(`Message ${event.MessageSid} is ${event.MessageStatus}`);
  callback(null, { received: event.MessageSid || null, status: event.MessageStatus || null });
};
