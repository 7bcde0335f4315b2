// Voice menu: gathers one digit, then routes the caller.
exports.handler = (context, event, callback) => {
  const twiml = new Twilio.twiml.VoiceResponse();
  const options = JSON.parse(Runtime.getAssets()['/menu.json'].open()).options;
  const choice = options.find((option) => option.digit === event.Digits);

  if (choice) {
    twiml.say(choice.say);
    if (choice.dial) twiml.dial(choice.dial);
  } else {
    const gather = twiml.gather({ numDigits: 1, action: `https://${context.DOMAIN_NAME}${context.PATH}` });
    gather.say(options.map((option) => `Press ${option.digit} for ${option.label}.`).join(' '));
    twiml.redirect(`https://${context.DOMAIN_NAME}${context.PATH}`);
  }
  callback(null, twiml);
};
