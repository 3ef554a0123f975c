import { registerClipMenu } from '../utils/clip/context-menu';
import { extractFromTab } from '../utils/clip/inject';
import { createHandlers } from '../utils/clip/service';
import { serve } from '../utils/messages/server';
import { NewsdeskDb } from '../utils/storage/schema';

// Storage lives here, behind messages, so the popup never loads Dexie.
export default defineBackground(() => {
  const menu = registerClipMenu();
  serve(createHandlers({ db: new NewsdeskDb(), extract: extractFromTab, menuClip: (tabId) => menu.pending.take(tabId) }));
  // WXT exposes this as `background` in the service worker: `background.menu.onClicked(info, tab)`
  // replays a menu click from its console (and from the browser tests; no protocol can click a menu).
  return { menu };
});
