// The demo page: a small Slack-like client for the simulated workspace. It shows what the acting
// person sees (channels, the DM and Home tab of the app, their open modal) and sends what they
// do to the demo server, which signs it and posts it to the app as Slack would.
import { mrkdwn, readForm, renderBlocks } from './blocks.js';

const params = new URLSearchParams(location.search);
const ui = {
  user: params.get('as') ?? localStorage.getItem('demo.user') ?? '',
  /** A channel id, or 'home' / the DM id for the app. */
  view: 'home',
  state: null,
  modalKey: '',
  seen: JSON.parse(localStorage.getItem('demo.seen') ?? '{}'),
};
const $ = (id) => document.getElementById(id);

async function post(path, body) {
  const response = await fetch(`/demo/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: ui.user, ...body }),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error ?? `HTTP ${response.status}`);
  if (answer && typeof answer.status === 'number' && answer.status !== 200) {
    throw new Error(`The app answered HTTP ${answer.status}`);
  }
  return answer;
}

function setStatus(text) {
  $('status').textContent = text ?? '';
}

async function run(what, control) {
  setStatus('');
  if (control) control.disabled = true;
  try {
    await what();
  } catch (error) {
    setStatus(error.message);
  } finally {
    if (control) control.disabled = false;
    await refresh();
  }
}

async function refresh() {
  if (!ui.user) return;
  const response = await fetch(`/demo/state?user=${encodeURIComponent(ui.user)}`);
  ui.state = await response.json();
  render();
}

function dmId() {
  return ui.state?.conversations.find((c) => c.kind === 'dm')?.id;
}

function conversation(id) {
  return ui.state?.conversations.find((c) => c.id === id);
}

function render() {
  const state = ui.state;
  if (!state) return;
  renderPeople(state);
  if (ui.view !== 'home') markSeen(ui.view);
  renderSidebar(state);
  renderMain(state);
  renderModal(state);
}

function renderPeople(state) {
  const select = $('who');
  if (select.options.length !== state.people.length) {
    select.replaceChildren(
      ...state.people.map((p) => {
        const option = document.createElement('option');
        option.value = p.id;
        // Who reads Chinese is marked, so the page can show the app in Chinese by picking them.
        option.textContent = `${p.name}${p.roles.length ? ` (${p.roles.join(', ')})` : ''}${p.locale === 'zh-CN' ? ' · 中文' : ''}`;
        return option;
      }),
    );
  }
  select.value = ui.user;
  const me = state.people.find((p) => p.id === ui.user);
  $('who-details').textContent = me
    ? `${me.title} · ${me.department} · ${me.locale === 'zh-CN' ? 'Slack in 简体中文: the app speaks Chinese' : 'Slack in English'}`
    : '';
  // Chinese text gets Chinese fonts and line breaking.
  $('content').lang = me?.locale === 'zh-CN' ? 'zh-CN' : 'en';
}

function unread(conv) {
  const seen = ui.seen[`${ui.user}:${conv.id}`] ?? 0;
  return Math.max(0, conv.messages.length - seen);
}

function markSeen(id) {
  const conv = conversation(id);
  if (!conv) return;
  ui.seen[`${ui.user}:${id}`] = conv.messages.length;
  localStorage.setItem('demo.seen', JSON.stringify(ui.seen));
}

function navLink(label, id, active, count) {
  const link = document.createElement('a');
  link.dataset.conv = id;
  link.className = active ? 'active' : '';
  link.textContent = label;
  if (count > 0) {
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = String(count);
    link.append(badge);
  }
  link.addEventListener('click', () => openView(id));
  return link;
}

function renderSidebar(state) {
  $('channels').replaceChildren(
    ...state.conversations
      .filter((c) => c.kind === 'channel')
      .map((c) => navLink(`# ${c.name}`, c.id, ui.view === c.id, ui.view === c.id ? 0 : unread(c))),
  );
  const dm = state.conversations.find((c) => c.kind === 'dm');
  const appActive = ui.view === 'home' || ui.view === dm?.id;
  $('apps').replaceChildren(
    navLink('AI Adoption Bot', 'home', appActive, dm && ui.view !== dm.id ? unread(dm) : 0),
  );
}

function renderMain(state) {
  const content = $('content');
  const dm = dmId();
  const isApp = ui.view === 'home' || ui.view === dm;
  $('tabs').hidden = !isApp;
  $('tab-home').classList.toggle('active', ui.view === 'home');
  $('tab-messages').classList.toggle('active', ui.view === dm);
  $('composer-form').hidden = ui.view === 'home';
  if (ui.view === 'home') {
    $('title').textContent = 'AI Adoption Bot';
    content.replaceChildren(
      state.home
        ? renderBlocks(state.home.blocks, blockContext({ kind: 'home' }))
        : Object.assign(document.createElement('p'), {
            className: 'empty',
            textContent: 'Opening the Home tab…',
          }),
    );
    return;
  }
  const conv = conversation(ui.view) ?? state.conversations[0];
  $('title').textContent = conv.kind === 'dm' ? 'AI Adoption Bot' : `# ${conv.name}`;
  const atBottom = content.scrollTop + content.clientHeight >= content.scrollHeight - 30;
  const list = conv.messages.map((message) => renderMessage(message, state));
  if (list.length === 0) {
    list.push(
      Object.assign(document.createElement('p'), { className: 'empty', textContent: 'No messages yet.' }),
    );
  }
  content.replaceChildren(...list);
  if (atBottom || ui.scrollDown) content.scrollTop = content.scrollHeight;
  ui.scrollDown = false;
}

function renderMessage(message, state) {
  const row = document.createElement('div');
  row.className = `message${message.visibleTo ? ' ephemeral' : ''}`;
  row.dataset.messageId = String(message.id);
  const fromBot = !state.people.some((p) => p.id === message.from);
  const name = fromBot ? 'AI Adoption Bot' : (state.names[message.from] ?? message.from);
  const avatar = document.createElement('div');
  avatar.className = `avatar${fromBot ? '' : ' person'}`;
  avatar.textContent = fromBot ? 'AI' : name.slice(0, 1);
  const body = document.createElement('div');
  body.className = 'body';
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.innerHTML = `<b></b><span></span>`;
  meta.querySelector('b').textContent = name;
  meta.querySelector('span').textContent = new Date(message.at).toLocaleString();
  body.append(meta);
  if (message.isCommand) {
    const command = document.createElement('div');
    command.className = 'command';
    command.textContent = message.text;
    body.append(command);
  } else if (message.blocks.length) {
    body.append(renderBlocks(message.blocks, blockContext({ kind: 'message', messageId: message.id })));
  } else if (message.text) {
    const text = document.createElement('div');
    text.innerHTML = mrkdwn(message.text, state.names);
    body.append(text);
  }
  for (const file of message.files) body.append(renderFile(file, state));
  if (message.edited)
    body.append(
      Object.assign(document.createElement('span'), { className: 'edited', textContent: '(edited)' }),
    );
  if (message.visibleTo) {
    body.append(
      Object.assign(document.createElement('div'), {
        className: 'ephemeral-note',
        textContent: 'Only visible to you',
      }),
    );
  }
  row.append(avatar, body);
  return row;
}

function renderFile(file, state) {
  const box = document.createElement('div');
  box.className = 'file';
  box.dataset.fileId = file.id;
  if (file.mimetype.startsWith('image/')) {
    const title = document.createElement('a');
    title.className = 'file-title';
    title.href = `${file.url}?download`;
    title.textContent = file.title;
    const image = document.createElement('img');
    image.src = file.url;
    image.alt = file.title;
    box.append(title, image);
    return box;
  }
  const link = document.createElement('a');
  link.href = `${file.url}?download`;
  link.textContent = `📎 ${file.title} (${Math.max(1, Math.round(file.size / 1024))} KB)`;
  box.append(link);
  const preview = state.files[file.id];
  if (preview !== undefined) {
    const table = document.createElement('table');
    table.className = 'csv-preview';
    for (const line of preview.split('\n').filter(Boolean)) {
      const row = table.insertRow();
      for (const cell of parseCsvLine(line)) row.insertCell().textContent = cell;
    }
    const scroller = document.createElement('div');
    scroller.className = 'csv-scroll';
    scroller.append(table);
    box.append(scroller);
  }
  return box;
}

/** One CSV line (quoted fields with "" escapes); enough for a preview. */
function parseCsvLine(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

function blockContext(target, extra = {}) {
  return {
    names: ui.state.names,
    onAction: (action, control) =>
      run(
        () =>
          post('click', {
            target,
            actionId: action.actionId,
            blockId: action.blockId,
            ...(action.value !== undefined ? { value: action.value } : {}),
            ...(action.choice !== undefined ? { choice: action.choice } : {}),
            ...(target.kind === 'modal' ? { form: readForm(document.querySelector('.modal-body')) } : {}),
          }),
        control,
      ),
    ...extra,
  };
}

function renderModal(state) {
  const layer = $('modal-layer');
  const top = state.modals.at(-1);
  if (!top) {
    layer.hidden = true;
    layer.replaceChildren();
    ui.modalKey = '';
    return;
  }
  const key = `${top.id}|${top.hash}|${JSON.stringify(top.errors)}`;
  if (key === ui.modalKey) return; // keep what the person is typing
  ui.modalKey = key;
  const view = top.view;
  const modal = document.createElement('form');
  modal.className = 'modal';
  modal.dataset.viewId = top.id;
  modal.dataset.callbackId = view.callback_id ?? '';
  const title = document.createElement('div');
  title.className = 'modal-title';
  title.innerHTML = '<span></span><button type="button" aria-label="Close">×</button>';
  title.querySelector('span').textContent = view.title?.text ?? '';
  const body = document.createElement('div');
  body.className = 'modal-body';
  body.append(
    renderBlocks(
      view.blocks,
      blockContext({ kind: 'modal', viewId: top.id }, { errors: top.errors, values: top.values }),
    ),
  );
  const footer = document.createElement('div');
  footer.className = 'modal-footer';
  const close = Object.assign(document.createElement('button'), {
    type: 'button',
    className: 'btn',
    id: 'modal-close',
    textContent: view.close?.text ?? (view.submit ? 'Cancel' : 'Close'),
  });
  footer.append(close);
  const closeModal = () => run(() => post('close', { viewId: top.id }));
  close.addEventListener('click', closeModal);
  title.querySelector('button').addEventListener('click', closeModal);
  if (view.submit) {
    const submit = Object.assign(document.createElement('button'), {
      type: 'submit',
      className: 'btn primary',
      id: 'modal-submit',
      textContent: view.submit.text,
    });
    footer.append(submit);
    modal.addEventListener('submit', (event) => {
      event.preventDefault();
      run(() => post('submit', { viewId: top.id, form: readForm(body) }), submit);
    });
  } else {
    modal.addEventListener('submit', (event) => event.preventDefault());
  }
  modal.append(title, body, footer);
  layer.replaceChildren(modal);
  layer.hidden = false;
}

function openView(id) {
  const dm = dmId();
  ui.view = id === 'home' ? 'home' : id;
  ui.scrollDown = true;
  if (ui.view === 'home') run(() => post('home', {}));
  else render();
  if (id === dm) markSeen(dm);
}

function switchUser(userId) {
  ui.user = userId;
  localStorage.setItem('demo.user', userId);
  ui.modalKey = '';
  const url = new URL(location.href);
  url.searchParams.set('as', userId);
  history.replaceState(null, '', url);
  openView('home');
}

$('who').addEventListener('change', (event) => switchUser(event.target.value));
$('tab-home').addEventListener('click', () => openView('home'));
$('tab-messages').addEventListener('click', () => openView(dmId()));
$('composer-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('composer').value.trim();
  if (!text) return;
  if (!text.startsWith('/')) {
    setStatus(`Type a slash command: ${ui.state.commands.map((c) => `${c} help`).join(' or ')}`);
    return;
  }
  $('composer').value = '';
  ui.scrollDown = true;
  run(() => post('command', { channel: ui.view === 'home' ? dmId() : ui.view, text }));
});

new EventSource('/demo/events').addEventListener('message', () => refresh());

const first = await (await fetch('/demo/state?user=')).json();
if (!first.people.some((p) => p.id === ui.user)) ui.user = first.people[0]?.id ?? '';
switchUser(ui.user);
