import { describe, expect, it } from 'vitest';
import { escapeMarkup } from './escape-markup.js';

describe('escapeMarkup', () => {
  it("makes Slack's control sequences and links inert", () => {
    expect(escapeMarkup('<!channel> <https://evil.test|Click here> & co')).toBe(
      '&lt;!channel&gt; &lt;https://evil.test|Click here&gt; &amp; co',
    );
    // Already-escaped text is escaped again, never decoded.
    expect(escapeMarkup('&lt;')).toBe('&amp;lt;');
  });

  it('makes Markdown links, emphasis and mentions inert', () => {
    expect(escapeMarkup('[Click](https://evil.test) **@everyone**', 'markdown')).toBe(
      '\\[Click\\]\\(https://evil\\.test\\) \\*\\*@\u200beveryone\\*\\*',
    );
    expect(escapeMarkup('#buy > a', 'plain')).toBe('#buy > a');
  });
});
