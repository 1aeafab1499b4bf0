import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The direction imports may run in src/ (README "Architecture"):
 *   main/server → jobs, slack, http, cli, demo, charts → domain → db → config, logger, i18n/locale.
 * src/i18n (the catalogs and the translator) is a leaf: renderers use it; the domain speaks in codes.
 * Every import of every file under src/ is resolved and checked against the rules below, so an import
 * that runs back up fails `npm test`. Type-only imports count too: a type pulls its module's meaning.
 */

interface Import {
  /** The importing file, relative to the repository root (`src/db/queries/bots.ts`). */
  from: string;
  /** The specifier as written (`../../domain/bot-status.js`, `@slack/bolt`). */
  specifier: string;
  /** The imported file relative to the root (`src/domain/bot-status.ts`), or the package name. */
  target: string;
}

interface Rule {
  name: string;
  /** Files the rule applies to. */
  applies: (file: string) => boolean;
  /** True when `to` is an import the rule refuses. */
  refuses: (to: Import) => boolean;
}

const under =
  (...folders: string[]) =>
  (path: string) =>
    folders.some((folder) => path.startsWith(`src/${folder}/`));
const isFile =
  (...files: string[]) =>
  (path: string) =>
    files.includes(path);
const isPackage = (prefix: string) => (to: Import) =>
  !to.target.startsWith('src/') && to.target.startsWith(prefix);
const isApp = (to: Import) => to.target.startsWith('src/');
const toward =
  (...tests: Array<(path: string) => boolean>) =>
  (to: Import) =>
    tests.some((test) => test(to.target));

/** The languages the app speaks (`Locale`): a leaf any layer may name. */
const LOCALE_LIST = 'src/i18n/locale.ts';
const TOP = isFile('src/main.ts', 'src/server.ts');
const EDGES = under('jobs', 'slack', 'http', 'cli', 'demo');
const isListener = under('slack/listeners');

const RULES: Rule[] = [
  {
    name: 'src/db imports only db, config and logger (no domain, charts or anything above)',
    applies: under('db'),
    refuses: (to) => toward(TOP, EDGES, under('domain', 'charts'))(to) || isPackage('@slack/')(to),
  },
  {
    name: 'src/domain imports no Slack, jobs, http, cli, demo or charts (and no @slack/* types)',
    applies: under('domain'),
    refuses: (to) => toward(TOP, EDGES, under('charts'))(to) || isPackage('@slack/')(to),
  },
  {
    name: 'src/domain writes no sentences: of src/i18n it may use only the language list (i18n/locale.ts)',
    applies: under('domain'),
    // errors.ts fills UserError's English `message` (for logs) from the English catalog.
    refuses: (to) =>
      toward(under('i18n'))(to) && to.target !== LOCALE_LIST && to.from !== 'src/domain/errors.ts',
  },
  {
    name: 'src/i18n is a leaf: it imports nothing from the app outside src/i18n',
    applies: under('i18n'),
    refuses: (to) => isApp(to) && !toward(under('i18n'))(to),
  },
  {
    name: 'src/charts draws from domain data only (no slack, jobs, http, cli or demo)',
    applies: under('charts'),
    refuses: (to) => toward(TOP, EDGES)(to) || isPackage('@slack/')(to),
  },
  {
    name: 'src/logger.ts and src/config.ts import nothing from the app but the language list (nor Bolt)',
    applies: isFile('src/logger.ts', 'src/config.ts'),
    refuses: (to) => (isApp(to) && to.target !== LOCALE_LIST) || isPackage('@slack/')(to),
  },
  {
    name: 'a listener imports no other listener (shared helpers live in src/slack/*.ts)',
    applies: isListener,
    refuses: toward(isListener),
  },
  {
    name: 'src/slack imports nothing from src/jobs (jobs use slack, not the reverse)',
    applies: under('slack'),
    refuses: toward(under('jobs')),
  },
];

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** A file's imports: static, `export … from`, `import type`, and `import()` with a literal. */
function importsOf(from: string, text: string): Import[] {
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: specifier }) => {
    if (!specifier.startsWith('.')) return { from, specifier, target: specifier };
    const target = posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.js$/, '.ts');
    return { from, specifier, target };
  });
}

function violations(imports: Import[], rules: Rule[] = RULES): string[] {
  return imports.flatMap((to) =>
    rules
      .filter((rule) => rule.applies(to.from) && rule.refuses(to))
      .map((rule) => `${to.from} imports ${to.specifier}: ${rule.name}`),
  );
}

describe('layering: imports run one way', () => {
  const imports = sourceFiles('src').flatMap((file) =>
    importsOf(file, readFileSync(join(ROOT, file), 'utf8')),
  );

  it('reads the import graph (a sanity check that the walk found the tree)', () => {
    expect(imports.some((i) => i.from === 'src/main.ts' && i.target === 'src/server.ts')).toBe(true);
    expect(imports.some((i) => i.from === 'src/slack/app.ts' && i.target === '@slack/bolt')).toBe(true);
    expect(imports.every((i) => i.target.startsWith('src/') === i.specifier.startsWith('.'))).toBe(true);
  });

  it('no file under src/ imports against the direction', () => {
    expect(violations(imports)).toEqual([]);
  });
});

describe('layering: the check refuses imports against the direction', () => {
  // Hand-written files with one wrong import each; the check must name each.
  const cases: Array<{ file: string; source: string }> = [
    { file: 'src/db/queries/bots.ts', source: "import type { BotDraft } from '../../domain/bot-draft.js';" },
    { file: 'src/domain/bot-draft.ts', source: "import { translator } from '../i18n/index.js';" },
    { file: 'src/i18n/index.ts', source: "import type { Config } from '../config.js';" },
    { file: 'src/config.ts', source: "import { translator } from './i18n/index.js';" },
    { file: 'src/db/schema.ts', source: "import { x } from './../charts/participation-chart.js';" },
    { file: 'src/domain/digest.ts', source: "import type { X } from '../slack/blocks/digest.js';" },
    { file: 'src/domain/digest.ts', source: "import { renderSvg } from '../charts/participation-chart.js';" },
    { file: 'src/domain/reviews.ts', source: "import type { App } from '@slack/bolt';" },
    { file: 'src/domain/home.ts', source: "export { x } from '../jobs/scheduler.js';" },
    { file: 'src/charts/participation-chart.ts', source: "import { x } from '../slack/app.js';" },
    { file: 'src/logger.ts', source: "import type { Logger as BoltLogger } from '@slack/bolt';" },
    { file: 'src/config.ts', source: "import { x } from './db/schema.js';" },
    {
      file: 'src/slack/listeners/actions/digest-use.ts',
      source: "import { fallbackProfile } from '../commands/bot-command.js';",
    },
    {
      file: 'src/slack/listeners/commands/hr-command.ts',
      source: "const m = await import('./session-command.js');",
    },
    { file: 'src/slack/notify.ts', source: "import { sendDueDeliveries } from '../jobs/deliveries.js';" },
  ];

  for (const { file, source } of cases) {
    it(`${file}: ${source}`, () => {
      const found = violations(importsOf(file, source));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(new RegExp(`^${file} imports `));
    });
  }

  it('lets the imports that run the right way pass', () => {
    const allowed: Array<{ file: string; source: string }> = [
      { file: 'src/db/queries/bots.ts', source: "import { bots } from '../schema.js';" },
      { file: 'src/domain/digest.ts', source: "import { x } from '../db/queries/digest.js';" },
      { file: 'src/charts/participation-chart.ts', source: "import type { P } from '../domain/digest.js';" },
      { file: 'src/logger.ts', source: "import { pino } from 'pino';" },
      { file: 'src/config.ts', source: "import { isLocale } from './i18n/locale.js';" },
      { file: 'src/domain/home.ts', source: "import type { Locale } from '../i18n/locale.js';" },
      { file: 'src/slack/blocks/home.ts', source: "import type { Translator } from '../../i18n/index.js';" },
      { file: 'src/slack/listeners/views/bot-form.ts', source: "import { x } from '../../profile.js';" },
      { file: 'src/jobs/weekly-digest.ts', source: "import { x } from '../slack/blocks/digest.js';" },
      { file: 'src/server.ts', source: "import { createSlackApp } from './slack/app.js';" },
    ];
    for (const { file, source } of allowed) expect(violations(importsOf(file, source))).toEqual([]);
  });
});
