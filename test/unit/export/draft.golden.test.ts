import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDraft } from '../../../utils/export/draft';
import { xmppNewsletter2023 as xmppNewsletter } from '../../../utils/presets/xmpp-2023';
import { fixturesDir, october2023Items } from './fixtures';

// Regenerate with UPDATE_FIXTURES=1, then compare by eye with
// shared/reference/xmpp-newsletter-2023-11-05.md before committing.
const expectedPath = path.join(fixturesDir, 'xmpp-2023-10.expected.md');

describe('renderDraft golden file', () => {
  it('renders the October 2023 items exactly as the expected draft', () => {
    const draft = renderDraft({ preset: xmppNewsletter, issue: '2023-10', items: october2023Items() });
    if (process.env.UPDATE_FIXTURES === '1') writeFileSync(expectedPath, draft);
    expect(existsSync(expectedPath), `${expectedPath} is missing; run with UPDATE_FIXTURES=1`).toBe(true);
    expect(draft).toBe(readFileSync(expectedPath, 'utf8'));
  });
});
