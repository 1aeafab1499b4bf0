import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bots } from '../../src/db/schema.js';
import { DRIVERS } from '../helpers/db.js';
import { formValues, viewSubmission } from '../helpers/harness.js';
import { useSuite } from '../helpers/suite.js';

const VALID = {
  name: 'Invoice matcher',
  description: 'Matches supplier invoices to purchase orders',
  link: 'https://copilot.example.com/invoice',
  category: 'team',
  platform: 'copilot_studio',
  hoursSavedPerWeek: '3.5',
};

/** The modal path: `/bot submit` → views.open → view_submission, and the edit modal. */
describe.each(DRIVERS)('submission modal on %s', (driver) => {
  const suite = useSuite(driver, { app: true });
  beforeAll(async () => {
    suite.app.slack.users.set('UCAROL', {
      id: 'UCAROL',
      real_name: 'Carol',
      profile: { email: 'carol@example.com' },
    });
  });
  beforeEach(async () => {
    await suite.db.delete(bots);
  });

  const allBots = () => suite.db.select().from(bots).orderBy(bots.id);
  const submitForm = (user: string, values = VALID, view = { callback_id: 'bot_submit' }) =>
    suite.app.interaction(viewSubmission(user, { ...view, values: formValues(values) }));

  it('opens the form with views.open and the command’s trigger_id', async () => {
    const before = suite.app.slack.callsTo('views.open').length;
    const ack = await suite.app.command('UCAROL', 'submit');
    expect(ack.status).toBe(200);
    const open = await suite.app.slack.waitFor(() => suite.app.slack.callsTo('views.open')[before]);
    expect(String(open.args.trigger_id)).toMatch(/^trigger\./);
    const view = JSON.parse(String(open.args.view));
    expect(view.callback_id).toBe('bot_submit');
    const blockIds = view.blocks.map((b: { block_id: string }) => b.block_id);
    expect(blockIds).toEqual(['name', 'description', 'category', 'link', 'platform', 'hoursSavedPerWeek']);
  });

  it('stores a valid submission and replaces the modal with its #id', async () => {
    const ack = await submitForm('UCAROL');
    const [bot] = await allBots();
    expect(bot).toMatchObject({
      name: 'Invoice matcher',
      description: 'Matches supplier invoices to purchase orders',
      link: 'https://copilot.example.com/invoice',
      category: 'team',
      platform: 'copilot_studio',
      hoursSavedPerWeek: 3.5,
      status: 'submitted',
    });
    const body = ack.body as { response_action: string; view: unknown };
    expect(body.response_action).toBe('update');
    expect(JSON.stringify(body.view)).toContain(`#${bot?.id}`);
  });

  it('shows every bad field as an error inside the modal and stores nothing', async () => {
    const ack = await submitForm('UCAROL', {
      name: 'ab',
      description: 'short',
      link: 'not a link',
      category: 'team',
      platform: 'myspace',
      hoursSavedPerWeek: '200',
    });
    const body = ack.body as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual([
      'description',
      'hoursSavedPerWeek',
      'link',
      'name',
      'platform',
    ]);
    expect(body.errors.name).toMatch(/3–80/);
    expect(body.errors.hoursSavedPerWeek).toMatch(/0 to 168/);
    expect(await allBots()).toHaveLength(0);
  });

  it('stores a double-clicked submission once', async () => {
    const [first, second] = await Promise.all([submitForm('UCAROL'), submitForm('UCAROL')]);
    expect(await allBots()).toHaveLength(1);
    const [bot] = await allBots();
    for (const ack of [first, second]) expect(JSON.stringify(ack.body)).toContain(`#${bot?.id}`);
  });

  it('saves an edit from the owner, and refuses an edit modal replayed by someone else', async () => {
    await submitForm('UCAROL');
    const [bot] = await allBots();
    if (!bot) throw new Error('not stored');
    const edit = { callback_id: 'bot_edit', private_metadata: JSON.stringify({ botId: bot.id }) };
    const renamed = { ...VALID, name: '发票核对助手', hoursSavedPerWeek: '' };

    const stranger = await submitForm('UMALLORY', renamed, edit);
    expect(JSON.stringify(stranger.body)).toContain('belongs to someone else');

    const ack = await submitForm('UCAROL', renamed, edit);
    expect((ack.body as { response_action: string }).response_action).toBe('update');
    const [after] = await suite.db.select().from(bots).where(eq(bots.id, bot.id));
    expect(after).toMatchObject({ name: '发票核对助手', hoursSavedPerWeek: null, status: 'submitted' });
  });

  it('sends a bot back for review when its owner edits it after changes were requested', async () => {
    await submitForm('UCAROL');
    const [bot] = await allBots();
    if (!bot) throw new Error('not stored');
    await suite.db.update(bots).set({ status: 'changes_requested' }).where(eq(bots.id, bot.id));
    const edit = { callback_id: 'bot_edit', private_metadata: JSON.stringify({ botId: bot.id }) };
    const ack = await submitForm('UCAROL', { ...VALID, description: 'Now also handles credit notes' }, edit);
    expect(JSON.stringify(ack.body)).toContain('sent back for review');
    const [after] = await allBots();
    expect(after).toMatchObject({ status: 'submitted', description: 'Now also handles credit notes' });
  });

  it('refuses an edit that would duplicate another of my bots', async () => {
    await submitForm('UCAROL');
    await submitForm('UCAROL', { ...VALID, name: 'Second bot', link: 'https://example.com/second' });
    const [, second] = await allBots();
    const edit = { callback_id: 'bot_edit', private_metadata: JSON.stringify({ botId: second?.id }) };
    const ack = await submitForm(
      'UCAROL',
      { ...VALID, name: 'INVOICE MATCHER', link: 'https://example.com/second' },
      edit,
    );
    const body = ack.body as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.name).toMatch(/already have bot #\d+ with this name/);
    const [, unchanged] = await allBots();
    expect(unchanged?.name).toBe('Second bot');
  });
});
