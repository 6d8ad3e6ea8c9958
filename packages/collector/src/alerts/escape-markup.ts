/**
 * The markup a webhook receiver renders a notice's `text` in (a site's `alerts.format`):
 * - `slack` (default; also Mattermost's and Rocket.Chat's Slack-compatible hooks): `&`, `<`, `>`
 *   become `&amp;`, `&lt;`, `&gt;`, so `<!channel>` or `<https://x|Click>` is shown, not obeyed
 *   (https://api.slack.com/reference/surfaces/formatting#escaping);
 * - `markdown` (Discord, Teams, Mattermost's own hooks): every Markdown punctuation character is
 *   backslash-escaped, and `@` is followed by a zero-width space so `@everyone` or `@channel`
 *   mentions no one;
 * - `plain`: left as it is (the receiver shows text verbatim).
 */
export type NoticeFormat = 'slack' | 'markdown' | 'plain';

export const NOTICE_FORMATS: readonly NoticeFormat[] = ['slack', 'markdown', 'plain'];

/** `s`, a string a visitor chose (selector, page), made inert in `format`'s markup. */
export function escapeMarkup(s: string, format: NoticeFormat = 'slack'): string {
  switch (format) {
    case 'slack':
      return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    case 'markdown':
      return s.replace(/[\\`*_{}[\]()<>#+\-.!|~]/g, '\\$&').replace(/@/g, '@\u200b');
    case 'plain':
      return s;
  }
}
