// Shared helper, private: reachable only through Runtime.getFunctions().
exports.formatReply = (greeting, body, from) => {
  if (/^help$/i.test(body)) return 'Reply STOP to unsubscribe, or send any message to chat.';
  const who = from ? ` ${from}` : '';
  return body ? `${greeting}${who}! You said: ${body}` : `${greeting}${who}!`;
};
