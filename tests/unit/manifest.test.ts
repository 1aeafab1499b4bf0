import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';

// Paths are resolved from this file so the test works wherever the repo is cloned,
// as long as `shared/` sits beside the repo folder (…/main and …/shared).
const SCHEMA_URL = new URL('../../../shared/slack/manifest.schema.1.0.0.json', import.meta.url);
const SOCKET_MANIFEST_URL = new URL('../../manifest.json', import.meta.url);
const HTTP_MANIFEST_URL = new URL('../../manifest.http.json', import.meta.url);
const DOCS_URL = new URL('../../docs/slack-setup.md', import.meta.url);

interface SlashCommand {
  command: string;
  url?: string;
  description: string;
  usage_hint?: string;
  should_escape?: boolean;
}

interface Manifest {
  _metadata?: { major_version?: number; minor_version?: number };
  display_information: {
    name: string;
    description?: string;
    long_description?: string;
    background_color?: string;
  };
  features?: {
    app_home?: {
      home_tab_enabled?: boolean;
      messages_tab_enabled?: boolean;
      messages_tab_read_only_enabled?: boolean;
    };
    bot_user?: { display_name: string; always_online?: boolean };
    slash_commands?: SlashCommand[];
  };
  oauth_config?: { scopes?: { bot?: string[]; user?: string[] } };
  settings?: {
    event_subscriptions?: { request_url?: string; bot_events?: string[]; user_events?: string[] };
    interactivity?: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled?: boolean;
    socket_mode_enabled?: boolean;
    token_rotation_enabled?: boolean;
  };
}

const EXPECTED_COMMANDS = ['/adoption', '/bot'];
const EXPECTED_BOT_SCOPES = [
  'chat:write',
  'chat:write.public',
  'commands',
  'files:write',
  'im:write',
  'usergroups:read',
  'users:read',
  'users:read.email',
];
const EXPECTED_BOT_EVENTS = ['app_home_opened', 'team_join', 'user_change'];

function readJson(url: URL): unknown {
  return JSON.parse(readFileSync(url, 'utf8')) as unknown;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n');
}

function compileSchema(): ValidateFunction {
  // The published schema contains non-standard keywords ("regex", "_note"), so strict mode is off.
  const ajv = new Ajv({ allErrors: true, strict: false });
  // Only `$schema` uses a format ("uri"); register it here instead of pulling in ajv-formats.
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  return ajv.compile(readJson(SCHEMA_URL) as object);
}

const validate = compileSchema();
const socketRaw = readJson(SOCKET_MANIFEST_URL);
const httpRaw = readJson(HTTP_MANIFEST_URL);
const socket = socketRaw as Manifest;
const http = httpRaw as Manifest;

function expectValid(data: unknown): void {
  const ok = validate(data);
  expect(ok, formatErrors(validate.errors)).toBe(true);
}

const commands = (m: Manifest): string[] => (m.features?.slash_commands ?? []).map((c) => c.command).sort();
const botScopes = (m: Manifest): string[] => [...(m.oauth_config?.scopes?.bot ?? [])].sort();
const botEvents = (m: Manifest): string[] => [...(m.settings?.event_subscriptions?.bot_events ?? [])].sort();

function requestUrls(m: Manifest): string[] {
  const urls: string[] = [];
  for (const c of m.features?.slash_commands ?? []) if (c.url !== undefined) urls.push(c.url);
  const events = m.settings?.event_subscriptions?.request_url;
  if (events !== undefined) urls.push(events);
  const interactivity = m.settings?.interactivity?.request_url;
  if (interactivity !== undefined) urls.push(interactivity);
  return urls;
}

describe('Slack app manifests', () => {
  it('manifest.json (Socket Mode) validates against the Slack manifest schema', () => {
    expectValid(socketRaw);
  });

  it('manifest.http.json (HTTP mode) validates against the Slack manifest schema', () => {
    expectValid(httpRaw);
  });

  it('the validator rejects invalid manifests (guards against a vacuous pass)', () => {
    const clone = (): Record<string, unknown> =>
      JSON.parse(JSON.stringify(socketRaw)) as Record<string, unknown>;

    // Misspelled top-level key.
    const misspelled = clone();
    misspelled.setings = misspelled.settings;
    delete misspelled.settings;
    expect(validate(misspelled)).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'additionalProperties')).toBe(true);

    // A scope that is not a string (deep inside a $ref'd definition).
    const badScope = clone();
    const badBotScopes: unknown[] = [...botScopes(socket), 42];
    badScope.oauth_config = { scopes: { bot: badBotScopes } };
    expect(validate(badScope)).toBe(false);
    const badPath = `/oauth_config/scopes/bot/${badBotScopes.length - 1}`;
    expect(validate.errors?.some((e) => e.instancePath === badPath && e.keyword === 'type')).toBe(true);

    // long_description shorter than Slack's 175-character minimum.
    const shortDescription = clone() as unknown as Manifest;
    shortDescription.display_information.long_description = 'Too short.';
    expect(validate(shortDescription)).toBe(false);
  });

  it('uses manifest format 1.1', () => {
    for (const m of [socket, http]) {
      expect(m._metadata).toEqual({ major_version: 1, minor_version: 1 });
    }
  });

  it('declares exactly the /bot and /adoption commands, identically in both manifests', () => {
    expect(commands(socket)).toEqual(EXPECTED_COMMANDS);
    expect(commands(http)).toEqual(commands(socket));
    for (const m of [socket, http]) {
      for (const c of m.features?.slash_commands ?? []) {
        // `person @user` and `submit for @user` need the mention to arrive as <@U123|name>.
        expect(c.should_escape).toBe(true);
        expect(c.usage_hint?.length ?? 0).toBeGreaterThan(0);
      }
    }
    // Same descriptions/usage hints in both; only `url` may differ.
    const strip = (m: Manifest): Omit<SlashCommand, 'url'>[] =>
      (m.features?.slash_commands ?? []).map(({ url: _url, ...rest }) => rest);
    expect(strip(http)).toEqual(strip(socket));
  });

  it('declares the same bot scopes and bot events in both manifests', () => {
    expect(botScopes(socket)).toEqual(EXPECTED_BOT_SCOPES);
    expect(botScopes(http)).toEqual(botScopes(socket));
    expect(new Set(botScopes(socket)).size).toBe(botScopes(socket).length);
    expect(socket.oauth_config?.scopes?.user).toBeUndefined();
    expect(http.oauth_config?.scopes?.user).toBeUndefined();

    expect(botEvents(socket)).toEqual(EXPECTED_BOT_EVENTS);
    expect(botEvents(http)).toEqual(botEvents(socket));
  });

  it('is otherwise the same app in both modes (display info, bot user, app home)', () => {
    expect(http.display_information).toEqual(socket.display_information);
    expect(http.features?.bot_user).toEqual(socket.features?.bot_user);
    expect(http.features?.app_home).toEqual(socket.features?.app_home);
    expect(socket.display_information.name).toBe('AI Adoption Bot');
    expect(socket.features?.bot_user).toEqual({ display_name: 'AI Adoption Bot', always_online: true });
    expect(socket.features?.app_home?.home_tab_enabled).toBe(true);
    expect(socket.features?.app_home?.messages_tab_enabled).toBe(true);
    // The schema declares this pattern with a non-standard "regex" keyword that ajv ignores.
    const color = socket.display_information.background_color;
    if (color !== undefined) expect(color).toMatch(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/);
  });

  it('socket manifest: Socket Mode on, no request URLs', () => {
    expect(socket.settings?.socket_mode_enabled).toBe(true);
    expect(socket.settings?.interactivity?.is_enabled).toBe(true);
    expect(requestUrls(socket)).toEqual([]);
  });

  it('HTTP manifest: Socket Mode off, every request URL points at /slack/events', () => {
    expect(http.settings?.socket_mode_enabled).toBe(false);
    expect(http.settings?.interactivity?.is_enabled).toBe(true);
    const urls = requestUrls(http);
    // One per slash command + event subscriptions + interactivity.
    expect(urls).toHaveLength(EXPECTED_COMMANDS.length + 2);
    for (const url of urls) {
      expect(url).toMatch(/^https:\/\//);
      expect(url.endsWith('/slack/events')).toBe(true);
    }
  });

  it('keeps token rotation and org-wide deploy off in both manifests', () => {
    for (const m of [socket, http]) {
      expect(m.settings?.token_rotation_enabled).toBe(false);
      expect(m.settings?.org_deploy_enabled).toBe(false);
    }
  });

  it('docs/slack-setup.md documents every scope and event', () => {
    const docs = readFileSync(DOCS_URL, 'utf8');
    for (const name of [...EXPECTED_BOT_SCOPES, ...EXPECTED_BOT_EVENTS]) {
      // A table row that starts with the name in backticks (tables may be padded by the formatter).
      const row = new RegExp(`^\\|\\s*\`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\`\\s*\\|`, 'm');
      expect(docs, `docs/slack-setup.md should have a table row for \`${name}\``).toMatch(row);
    }
  });
});
