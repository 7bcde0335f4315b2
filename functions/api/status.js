// JSON API for a browser front end, with CORS headers.
exports.handler = async (context, event, callback) => {
  const response = new Twilio.Response();
  response.appendHeader('Access-Control-Allow-Origin', '*');
  response.appendHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  response.appendHeader('Content-Type', 'application/json');
  response.setBody({ ok: true, service: context.SERVICE_NAME || 'example', order: event.order || null });
  return callback(null, response);
};
