/** Slack's three control characters in mrkdwn; user text must never become markup or a mention. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to `max` characters (code points), marking the cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text; // code points ≤ UTF-16 units: nothing to cut (no array built)
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** A link whose label is user text; the URL goes in unescaped except for the separators Slack reserves. */
export function mrkdwnLink(url: string, label: string): string {
  const safeUrl = url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');
  return `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

/** Text as a mrkdwn block quote, clipped to `max` characters, each line escaped. */
export function quote(text: string, max: number): string {
  return clip(text, max)
    .split('\n')
    .map((line) => `>${escapeMrkdwn(line)}`)
    .join('\n');
}

/** A time every Slack client shows in the reader's own zone; the fallback is UTC. */
export function slackTime(date: Date): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^{date_short_pretty} at {time}|${utcText(date)}>`;
}

function utcText(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
