// A small Block Kit renderer for the demo page: the block and element types Slack apps commonly
// send, with Slack's mrkdwn basics. Interactive elements call ctx.onAction; inputs are read back
// with readForm().

/** Escapes text for HTML (after Slack's own &lt; &gt; &amp; entities are decoded). */
function escapeHtml(text) {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function inlineFormat(html) {
  return html
    .replace(/```([\s\S]*?)```/g, (_, code) => `<pre>${code}</pre>`)
    .replace(/`([^`\n]+)`/g, (_, code) => `<code>${code}</code>`)
    .replace(/(^|[\s(>])\*([^*\n]+)\*(?=$|[\s).,:;!?<])/g, '$1<b>$2</b>')
    .replace(/(^|[\s(>])_([^_\n]+)_(?=$|[\s).,:;!?<])/g, '$1<i>$2</i>')
    .replace(/(^|[\s(>])~([^~\n]+)~(?=$|[\s).,:;!?<])/g, '$1<s>$2</s>');
}

/** Emoji shortcodes the app writes (and a few common ones), as Slack shows them. Unknown ones stay as typed. */
export const EMOJI = {
  alarm_clock: '⏰',
  bar_chart: '📊',
  bell: '🔔',
  bulb: '💡',
  chart_with_upwards_trend: '📈',
  eyes: '👀',
  heavy_check_mark: '✔️',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  information_source: 'ℹ️',
  key: '🔑',
  lock: '🔒',
  mag: '🔍',
  memo: '📝',
  no_bell: '🔕',
  no_entry: '⛔',
  pencil2: '✏️',
  raised_hands: '🙌',
  robot_face: '🤖',
  rocket: '🚀',
  star: '⭐',
  tada: '🎉',
  thumbsup: '👍',
  wastebasket: '🗑️',
  wave: '👋',
  warning: '⚠️',
  white_check_mark: '✅',
  x: '❌',
  zzz: '💤',
};

/** `:name:` → the emoji, for the names in EMOJI (times like 09:00: are left alone). */
export function emojify(text) {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, name) =>
    Object.hasOwn(EMOJI, name) ? `<span class="emoji" title=":${name}:">${EMOJI[name]}</span>` : whole,
  );
}

/** Slack mrkdwn as HTML: <@U…> as names, <url|text>, <#C…|name>, dates, bold, italic, code, quotes. */
export function mrkdwn(text, names) {
  const tokens = [];
  const withTokens = String(text).replace(/<([^<>]+)>/g, (_, inner) => {
    let html;
    if (inner.startsWith('@')) {
      const id = inner.slice(1).split('|')[0];
      html = `<span class="mention">@${escapeHtml(names[id] ?? id)}</span>`;
    } else if (inner.startsWith('#')) {
      const [id, name] = inner.slice(1).split('|');
      html = `<span class="mention">#${escapeHtml(name ?? names[id] ?? id)}</span>`;
    } else if (inner.startsWith('!date^')) {
      html = escapeHtml(inner.split('|').slice(1).join('|'));
    } else if (inner.startsWith('!')) {
      html = `<span class="mention">@${escapeHtml(inner.slice(1).split('|')[0])}</span>`;
    } else {
      const [url, label] = inner.split('|');
      const safe = /^(https?:|mailto:)/.test(url) ? url : '#';
      html = `<a href="${escapeHtml(safe)}" target="_blank" rel="noreferrer">${escapeHtml(label ?? url)}</a>`;
    }
    tokens.push(html);
    return `\uE000${tokens.length - 1}\uE000`;
  });
  const lines = escapeHtml(withTokens)
    .split('\n')
    .map((line) => (line.startsWith('&gt;') ? `<blockquote>${line.slice(4)}</blockquote>` : line));
  const html = inlineFormat(emojify(lines.join('\n')))
    .replace(/\n/g, '<br>')
    .replace(/<\/blockquote><br>/g, '</blockquote>');
  return html.replace(/\uE000(\d+)\uE000/g, (_, index) => tokens[Number(index)]);
}

function textHtml(text, names) {
  if (!text) return '';
  return text.type === 'mrkdwn'
    ? mrkdwn(text.text, names)
    : (text.emoji === false ? escapeHtml(text.text ?? '') : emojify(escapeHtml(text.text ?? ''))).replace(
        /\n/g,
        '<br>',
      );
}

function el(tag, className, html) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (html !== undefined) node.innerHTML = html;
  return node;
}

function optionsOf(element) {
  return [
    ...(element.options ?? []),
    ...(element.option_groups ?? []).flatMap((group) => group.options ?? []),
  ];
}

/** A button, menu or image as it appears in a section accessory or an actions block. */
function renderElement(element, blockId, ctx) {
  switch (element.type) {
    case 'button': {
      const button = el('button', `btn ${element.style ?? ''}`.trim(), textHtml(element.text, ctx.names));
      button.type = 'button';
      button.dataset.actionId = element.action_id ?? '';
      if (element.value !== undefined) button.dataset.value = element.value;
      button.addEventListener('click', () => {
        if (element.url) window.open(element.url, '_blank', 'noreferrer');
        ctx.onAction({ actionId: element.action_id, blockId, value: element.value }, button);
      });
      return button;
    }
    case 'static_select':
    case 'overflow': {
      const select = el('select', 'btn');
      select.dataset.actionId = element.action_id ?? '';
      const placeholder = el(
        'option',
        '',
        element.type === 'overflow' ? '⋯' : textHtml(element.placeholder, ctx.names) || 'Choose…',
      );
      placeholder.value = '';
      select.append(placeholder);
      for (const option of optionsOf(element)) {
        const node = el('option', '', escapeHtml(option.text?.text ?? option.value));
        node.value = option.value;
        if (element.initial_option?.value === option.value) node.selected = true;
        select.append(node);
      }
      select.addEventListener('change', () => {
        if (select.value)
          ctx.onAction({ actionId: element.action_id, blockId, choice: select.value }, select);
      });
      return select;
    }
    case 'image': {
      const image = el('img');
      image.src = element.image_url;
      image.alt = element.alt_text ?? '';
      image.style.maxHeight = '80px';
      return image;
    }
    default:
      return el('span', 'empty', `[${escapeHtml(element.type)}]`);
  }
}

/** The form control of an input block, named after the block so readForm() finds it. */
function renderInputElement(element, name, initial) {
  const value = initial ?? element.initial_value ?? '';
  switch (element.type) {
    case 'plain_text_input': {
      const input = element.multiline ? el('textarea') : el('input');
      input.value = value;
      if (element.max_length) input.maxLength = element.max_length;
      if (element.placeholder) input.placeholder = element.placeholder.text;
      input.name = name;
      return input;
    }
    case 'number_input':
    case 'url_text_input':
    case 'email_text_input':
    case 'datepicker':
    case 'timepicker': {
      const input = el('input');
      input.type = {
        number_input: 'number',
        url_text_input: 'url',
        email_text_input: 'email',
        datepicker: 'date',
        timepicker: 'time',
      }[element.type];
      if (element.type === 'number_input') {
        input.step = element.is_decimal_allowed ? 'any' : '1';
        if (element.min_value !== undefined) input.min = element.min_value;
        if (element.max_value !== undefined) input.max = element.max_value;
      }
      input.value = initial ?? element.initial_value ?? element.initial_date ?? element.initial_time ?? '';
      if (element.placeholder) input.placeholder = element.placeholder.text;
      input.name = name;
      return input;
    }
    case 'static_select':
    case 'multi_static_select':
    case 'radio_buttons':
    case 'checkboxes': {
      const select = el('select');
      select.name = name;
      const multiple = element.type === 'multi_static_select' || element.type === 'checkboxes';
      select.multiple = multiple;
      if (!multiple) {
        const none = el('option', '', escapeHtml(element.placeholder?.text ?? 'Choose…'));
        none.value = '';
        select.append(none);
      }
      const chosen = new Set(
        [initial, element.initial_option?.value, ...(element.initial_options ?? []).map((o) => o.value)]
          .flat()
          .filter(Boolean),
      );
      for (const option of optionsOf(element)) {
        const node = el('option', '', escapeHtml(option.text?.text ?? option.value));
        node.value = option.value;
        node.selected =
          initial !== undefined ? [initial].flat().includes(option.value) : chosen.has(option.value);
        select.append(node);
      }
      return select;
    }
    default: {
      const input = el('input');
      input.name = name;
      input.value = value;
      input.placeholder = element.type;
      return input;
    }
  }
}

/**
 * Renders blocks into a container. ctx: { names, onAction(action, node), errors?: {blockId: text},
 * values?: {blockId: value} }.
 */
export function renderBlocks(blocks, ctx) {
  const root = el('div', 'blocks');
  for (const [index, block] of (blocks ?? []).entries()) {
    const blockId = block.block_id ?? `b${index}`;
    switch (block.type) {
      case 'header':
        root.append(el('div', 'block header', textHtml(block.text, ctx.names)));
        break;
      case 'section': {
        const row = el('div', 'block section-row');
        const main = el('div', 'section-text');
        if (block.text) main.append(el('div', '', textHtml(block.text, ctx.names)));
        if (block.fields) {
          const fields = el('div', 'fields');
          for (const field of block.fields) fields.append(el('div', '', textHtml(field, ctx.names)));
          main.append(fields);
        }
        row.append(main);
        if (block.accessory) row.append(renderElement(block.accessory, blockId, ctx));
        root.append(row);
        break;
      }
      case 'context': {
        const context = el('div', 'block context');
        for (const element of block.elements ?? []) {
          if (element.type === 'image') {
            const image = el('img');
            image.src = element.image_url;
            image.alt = element.alt_text ?? '';
            image.style.height = '16px';
            context.append(image, ' ');
          } else {
            context.append(el('span', '', `${textHtml(element, ctx.names)} `));
          }
        }
        root.append(context);
        break;
      }
      case 'divider':
        root.append(el('hr', 'block divider'));
        break;
      case 'actions': {
        const actions = el('div', 'block actions');
        for (const element of block.elements ?? []) actions.append(renderElement(element, blockId, ctx));
        root.append(actions);
        break;
      }
      case 'image': {
        const figure = el('figure', 'block file');
        if (block.title) figure.append(el('div', 'meta', textHtml(block.title, ctx.names)));
        const image = el('img');
        // An uploaded file is referenced by id (or by its URL) in slack_file.
        const fileId = block.slack_file?.id;
        image.src =
          block.image_url ??
          (fileId ? `/files/${encodeURIComponent(fileId)}/image` : (block.slack_file?.url ?? ''));
        image.alt = block.alt_text ?? '';
        figure.append(image);
        root.append(figure);
        break;
      }
      case 'input': {
        const wrapper = el('div', 'input-block');
        wrapper.dataset.blockId = blockId;
        const label = el('label', '', textHtml(block.label, ctx.names));
        if (block.optional) label.append(el('span', 'optional', ' (optional)'));
        wrapper.append(label);
        const control = renderInputElement(block.element ?? {}, blockId, ctx.values?.[blockId] ?? undefined);
        label.htmlFor = control.id = `field-${blockId}`;
        wrapper.append(control);
        if (block.hint) wrapper.append(el('div', 'hint', textHtml(block.hint, ctx.names)));
        const error = ctx.errors?.[blockId];
        if (error) {
          wrapper.classList.add('has-error');
          wrapper.append(el('div', 'error', escapeHtml(error)));
        }
        root.append(wrapper);
        break;
      }
      default:
        root.append(el('div', 'block empty', `(${escapeHtml(block.type)} block)`));
    }
  }
  return root;
}

/** The values of every input in a rendered form, by block id (several for a multiple select). */
export function readForm(container) {
  const form = {};
  for (const control of container.querySelectorAll('input[name], textarea[name], select[name]')) {
    form[control.name] = control.multiple ? [...control.selectedOptions].map((o) => o.value) : control.value;
  }
  return form;
}
