import type { Json, Message, OpenView, Workspace, WorkspaceEvent } from './workspace.js';

/**
 * Plain-text renderings of what the workspace shows, for the scripted run's transcript: a
 * message, a modal, a Home tab, as a person would read them (mrkdwn markers dropped, mentions as
 * names, buttons as [Label]).
 */

export function mrkdwnToText(text: string, names: (id: string) => string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_, id: string) => `@${names(id)}`)
    .replace(/<#([CGD][A-Z0-9]+)\|([^>]*)>/g, (_, _id: string, name: string) => `#${name}`)
    .replace(/<#([CGD][A-Z0-9]+)>/g, (_, id: string) => `#${names(id)}`)
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<!(here|channel|everyone)>/g, '@$1')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/g, '$1$2')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/g, '$1$2')
    .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,:;!?])/g, '$1$2')
    .replace(/```([\s\S]*?)```/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function textOf(value: unknown, names: (id: string) => string): string {
  if (!value || typeof value !== 'object') return '';
  const text = value as { type?: string; text?: string };
  if (typeof text.text !== 'string') return '';
  return text.type === 'mrkdwn' ? mrkdwnToText(text.text, names) : text.text;
}

function elementLabel(element: Json, names: (id: string) => string): string {
  switch (element.type) {
    case 'button':
      return `[${textOf(element.text, names)}]`;
    case 'static_select':
    case 'overflow':
      return `[${textOf(element.placeholder, names) || 'choose…'} ▾]`;
    case 'image':
      return `(image: ${String(element.alt_text ?? '')})`;
    case 'mrkdwn':
    case 'plain_text':
      return textOf(element, names);
    default:
      return `[${String(element.type)}]`;
  }
}

/** Block Kit blocks as indented lines of text. */
export function blocksToLines(blocks: Json[], names: (id: string) => string): string[] {
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'header':
        lines.push(`== ${textOf(block.text, names)} ==`);
        break;
      case 'section': {
        const parts = [textOf(block.text, names)];
        if (Array.isArray(block.fields)) {
          const fields = (block.fields as Json[]).map((f) => textOf(f, names).replace(/\n+/g, ': '));
          for (let i = 0; i < fields.length; i += 2) parts.push(fields.slice(i, i + 2).join(' | '));
        }
        if (block.accessory) parts.push(elementLabel(block.accessory as Json, names));
        lines.push(...parts.filter(Boolean).join('\n').split('\n'));
        break;
      }
      case 'context':
        lines.push(
          ((block.elements as Json[] | undefined) ?? []).map((e) => elementLabel(e, names)).join(' '),
        );
        break;
      case 'divider':
        lines.push('---');
        break;
      case 'actions':
        lines.push(
          ((block.elements as Json[] | undefined) ?? []).map((e) => elementLabel(e, names)).join(' '),
        );
        break;
      case 'image':
        lines.push(`(image: ${String(block.alt_text ?? '')})`);
        break;
      case 'input': {
        const element = (block.element as Json | undefined) ?? {};
        lines.push(
          `${textOf(block.label, names)}${block.optional ? ' (optional)' : ''}: [${String(element.type)}]`,
        );
        break;
      }
      case 'rich_text':
        lines.push('(rich text)');
        break;
      default:
        lines.push(`(${String(block.type)})`);
    }
  }
  return lines.filter((line) => line.trim() !== '');
}

/** Lines of a CSV file shown under it in the transcript (header and the first rows). */
export const CSV_PREVIEW_LINES = 5;

export function messageLines(
  message: Message,
  names: (id: string) => string,
  fileText: (fileId: string) => string | undefined = () => undefined,
): string[] {
  const lines = message.blocks.length
    ? blocksToLines(message.blocks, names)
    : mrkdwnToText(message.text, names).split('\n');
  for (const file of message.files) {
    lines.push(`📎 ${file.title} · ${file.name} (${file.mimetype}, ${file.size} bytes)`);
    const text = file.mimetype === 'text/csv' ? fileText(file.id) : undefined;
    if (text === undefined) continue;
    const rows = text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter(Boolean);
    lines.push(...rows.slice(0, CSV_PREVIEW_LINES).map((row) => `  │ ${row}`));
    if (rows.length > CSV_PREVIEW_LINES) lines.push(`  │ … ${rows.length - CSV_PREVIEW_LINES} more line(s)`);
  }
  return lines;
}

export function viewLines(view: OpenView | { view: Json }, names: (id: string) => string): string[] {
  return blocksToLines((view.view.blocks as Json[] | undefined) ?? [], names);
}

/** One workspace event as a transcript entry (a heading line and indented body), or null to skip. */
export function describeEvent(workspace: Workspace, event: WorkspaceEvent): string | null {
  const names = (id: string) => {
    const conversation = /^[CG]/.test(id) ? workspace.conversations.get(id) : undefined;
    return conversation ? conversation.name : workspace.userName(id);
  };
  const fileText = (id: string) => workspace.fileBytes(id)?.bytes.toString('utf8');
  const where = (channel: string) => {
    const conversation = workspace.conversations.get(channel);
    if (!conversation) return channel;
    return conversation.kind === 'dm' ? `DM to ${conversation.name}` : `#${conversation.name}`;
  };
  const body = (lines: string[]) => lines.map((line) => `      ${line}`).join('\n');
  switch (event.kind) {
    case 'message': {
      const m = event.message;
      if (m.isCommand) return null;
      const heading = m.visibleTo
        ? `  → reply to ${names(m.visibleTo)} (only visible to them) in ${where(m.channel)}`
        : `  → ${where(m.channel)}`;
      return `${heading}\n${body(messageLines(m, names, fileText))}`;
    }
    case 'message_updated':
      return `  → message updated in ${where(event.message.channel)}\n${body(messageLines(event.message, names))}`;
    case 'message_deleted':
      return `  → message deleted in ${where(event.message.channel)}`;
    case 'modal_opened':
    case 'modal_pushed':
    case 'modal_updated': {
      const verb =
        event.kind === 'modal_opened' ? 'opened' : event.kind === 'modal_pushed' ? 'pushed' : 'now shows';
      const title = textOf(event.view.view.title, names);
      return `  → modal ${verb} for ${names(event.userId)}: "${title}"\n${body(viewLines(event.view, names))}`;
    }
    case 'modal_errors':
      return `  → the form shows errors to ${names(event.userId)}:\n${body(
        Object.entries(event.view.errors).map(([field, error]) => `${field}: ${error}`),
      )}`;
    case 'modal_closed':
      return null;
    case 'home_published':
      return `  → Home tab of ${names(event.userId)}\n${body(blocksToLines((event.view.blocks as Json[]) ?? [], names))}`;
    case 'api_error':
      return `  ! the app called ${event.method} and Slack answered ${event.error}`;
  }
}
