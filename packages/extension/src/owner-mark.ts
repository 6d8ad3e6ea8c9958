import { OWNER_MARK } from '@heatlens/schema/constants';

// Content script, run at document_start on the owner's granted site origins ("Don't count my
// visits"): marks the page as the owner's own, so the site's heatlens SDK sends nothing from it
// (the overlay's content script marks its own tab while it is mounted). `<html>` may not exist yet at document_start.
const mark = (): boolean => {
  const html = document.documentElement;
  html?.setAttribute(OWNER_MARK, '');
  return !html;
};
if (mark()) new MutationObserver((_, o) => mark() || o.disconnect()).observe(document, { childList: true });
